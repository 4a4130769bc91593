FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx runs the TypeScript directly, and drizzle-kit is only for generating migrations.
RUN npm ci --no-audit --no-fund --omit=dev
COPY tsconfig.json ./
COPY drizzle ./drizzle
COPY examples ./examples
COPY src ./src
EXPOSE 4000
CMD ["node", "--import", "tsx", "src/server.ts"]
