FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx runs the TypeScript directly, and drizzle-kit is only for generating migrations.
RUN npm ci --no-audit --no-fund --omit=dev && npm cache clean --force
COPY tsconfig.json ./
COPY drizzle ./drizzle
COPY examples ./examples
COPY src ./src
# the embedded database (when DATABASE_URL is not set) writes to /app/data: owned by the app user
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV DATA_DIR=/app/data
EXPOSE 4000
# /health answers 200 only when the database does
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/server.ts"]
