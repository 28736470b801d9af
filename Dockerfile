# One image for every service of the platform; docker-compose.yml picks the entry point.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY gateway gateway
COPY kit kit
COPY domain domain
COPY seed seed
COPY subgraphs subgraphs
COPY scripts scripts
COPY schema schema
RUN npm run build

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist dist
COPY schema schema
COPY domain/los-lagos-communes.csv domain/los-lagos-communes.csv
# Partner clients and their registered operations (the gateway refuses anything else from them).
COPY trusted-documents trusted-documents
# The browser side: public views, pages and the widget (served as they are), the IDE's examples.
COPY public-views public-views
COPY web web
COPY docs/queries.md docs/queries.md
USER node
CMD ["node", "dist/scripts/start-all.js"]
