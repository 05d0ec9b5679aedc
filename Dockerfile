# syntax=docker/dockerfile:1
# Build stage: compiles TypeScript and the native SQLite module (better-sqlite3 builds from source).
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
# the build trains the classifier on intents/ into dist/model, parses protocol-data/'s YAML into
# dist/parsed-yaml.json, indexes the councils' points into dist/point-indexes.json and saves the bank holidays
# into dist/bank-holidays.json, so start-up only loads them
COPY intents ./intents
COPY protocol-data ./protocol-data
RUN npm run build && npm prune --omit=dev

# Runtime stage: only what runs, as the unprivileged `node` user, data on a volume.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node protocol-data ./protocol-data
COPY --chown=node:node intents ./intents
COPY --chown=node:node public ./public
COPY --chown=node:node config ./config
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/app/main.js"]
