# syntax=docker/dockerfile:1
#
# One image for the three server-mode processes; the command picks one:
#   node dist/src/main.js          HTTP API (default)
#   node dist/src/worker.js        queue workers and job schedulers
#   node dist/src/cli/migrate.js   schema migrations (run once per release, before api and worker)
# docker-compose.yml shows all three together.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: install everything, compile, then drop the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    SCARF_ANALYTICS=false

COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: the lockfile lacks some other platforms' optional packages and
# `npm ci` refuses it. With the lockfile present, `npm install` installs the locked versions.
RUN npm install

COPY . .
# Writes dist/src/{main,worker,embedded}.js, dist/src/cli/migrate.js and dist/migrations/*.js.
RUN npm run build \
 && test -f dist/src/main.js && test -f dist/src/worker.js && test -f dist/src/cli/migrate.js \
 && ls dist/migrations/*.js > /dev/null \
 && npm prune --omit=dev

# ---- runtime: compiled code and production dependencies, run as a non-root user ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000

# Owned by root and read-only for the service user: the service writes nothing to its own folder
# in server mode.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# The `node` account (uid 1000) comes with the base image.
USER node

EXPOSE 3000

# For the API process. The worker and migrate containers serve no HTTP: disable this check for
# them (docker-compose.yml does).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

# node is PID 1 and handles SIGTERM itself (src/bootstrap/shutdown.ts): it stops taking requests,
# lets running jobs finish and closes its connections within SHUTDOWN_TIMEOUT_MS (default 25 s).
# Give the container a longer stop timeout than that.
CMD ["node", "dist/src/main.js"]
