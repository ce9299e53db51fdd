import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('manifests/teams/manifest.json', 'utf8')) as {
  manifestVersion: string;
  icons: { color: string; outline: string };
  bots: { scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
};
const size = (file: string) => {
  const png = readFileSync(`manifests/teams/${file}`);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
};

describe('Teams manifest', () => {
  it('uses the current schema, valid icons and lists the bot commands', () => {
    expect(manifest.manifestVersion).toBe('1.19');
    expect(size(manifest.icons.color)).toEqual([192, 192]);
    expect(size(manifest.icons.outline)).toEqual([32, 32]);
    const commands = manifest.bots[0]!.commandLists[0]!.commands.map((c) => c.title);
    expect(commands).toEqual(expect.arrayContaining(['kpi', 'help']));
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
  });
});
