#!/usr/bin/env node
// npm run compose:env [-- --out <file>]: writes the .env docker compose reads — random passwords
// for MongoDB's root user and the app's own user, and a fresh DATA_KEYS key — with mode 0600. It
// never overwrites a file: the old one's DATA_KEYS decrypts the secrets already stored and its
// passwords open the database.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ? resolve(values.out) : fileURLToPath(new URL('../.env', import.meta.url));

// base64url: safe inside mongodb://user:password@host without escaping
const password = randomBytes(24).toString('base64url');
const appPassword = randomBytes(24).toString('base64url');
const dataKey = randomBytes(32).toString('base64');

const text = `# Written by npm run compose:env on ${new Date().toISOString().slice(0, 10)}. Keep it secret and back it up:
# without DATA_KEYS the Slack tokens and webhook secrets stored in MongoDB cannot be decrypted.

# MongoDB's root user, created when its data volume is first initialised (administration only).
MONGO_INITDB_ROOT_USERNAME=csops
MONGO_INITDB_ROOT_PASSWORD=${password}

# The user the app logs in with, created at the same time: read and write on its database only.
MONGO_APP_USERNAME=csops_app
MONGO_APP_PASSWORD=${appPassword}

# kid:base64 of 32 bytes; the first key encrypts, every listed key decrypts. To rotate: put a new
# key first (k2:…,k1:…), restart, run "npx cs-ops keys rotate-data", then remove k1.
DATA_KEYS=k1:${dataKey}

# The platforms (see README, Configuration), for example:
# PUBLIC_URL=https://bot.example.com
# SLACK_SIGNING_SECRET=
# SLACK_BOT_TOKEN=
`;

try {
  writeFileSync(out, text, { flag: 'wx', mode: 0o600 });
} catch (e) {
  if (e.code !== 'EEXIST') throw e;
  process.stderr.write(`compose:env: ${out} exists and was left as it is (its DATA_KEYS and password are what your data needs); move it away first to make a new one.\n`);
  process.exit(1);
}
process.stdout.write(`compose:env: wrote ${out} (MongoDB password and DATA_KEYS); now: docker compose up --build\n`);
