# syntax=docker/dockerfile:1
# Multi-stage: build with dev dependencies, run with production ones only, as a non-root user.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm ci` rejects lockfiles resolved against registries without every platform build; install honours the lock.
RUN npm install --no-audit --no-fund
COPY tsconfig.json nest-cli.json ./
COPY src ./src
RUN npx nest build && npm prune --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
USER node
EXPOSE 3000
# Node itself probes liveness: no curl in the image.
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.MANAGEMENT_PORT||process.env.PORT||3000)+'/health/live',{signal:AbortSignal.timeout(2000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The one place the gateway's Node flags are set: bench/run.mts reads them from this line and the Kubernetes
# Deployment runs this CMD as it is (--heap-growing-percent is not allowed in NODE_OPTIONS). They size V8's
# heap for a pod, not for the node's whole memory (live heap ~45 MB): at 64 concurrent requests RSS peaks
# at ~300 MB instead of ~480 MB with Node's defaults, for ~15-40 % more CPU per request. Smaller
# semi-spaces or --optimize-for-size save 20-90 MB more but cost 25-100 % more CPU: README "Performance".
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "--heap-growing-percent=30", "dist/main.js"]
