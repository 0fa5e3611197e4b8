# Parcours in a container: built with the development tools, run without them.
#   docker build -t parcours .
#   docker compose up            (with PostgreSQL 15: see compose.yaml and README "Run in a container")
# The running container writes only to the /data volume (PARCOURS_DATA_DIR): it runs with a
# read-only root file system, as an unprivileged user, and stops cleanly on SIGTERM.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build: every dependency, then dist/ (web app and server).
FROM ${NODE_IMAGE} AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only (native ones compiled here, with the tools this stage has).
FROM ${NODE_IMAGE} AS production-deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: node, the production dependencies and dist/; no compiler, no sources, no dev tools.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PARCOURS_DATA_DIR=/data
WORKDIR /app
COPY --from=production-deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json package-lock.json ./
COPY scripts/parcours.mjs ./scripts/parcours.mjs
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
# node itself is PID 1 (no shell, no npm): it receives SIGTERM and stops gracefully.
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
