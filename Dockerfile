# One image for every service of the platform; docker-compose.yml picks the entry point.
# Node 22 LTS (the development machine runs Node 20; package.json engines allow both).
FROM node:22.21-bookworm-slim AS build
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

FROM node:22.21-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# A young generation of 2 × 64 MB (default 2 × 16): a request's short-lived objects die there (docs/performance.md).
ENV NODE_OPTIONS=--max-semi-space-size=64
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
# The embedded default's SQLite files: a directory the unprivileged user can write (mount a volume here).
ENV DATA_DIR=/app/data
RUN mkdir -p /app/data && chown node:node /app/data
USER node
CMD ["node", "dist/scripts/start-all.js"]
