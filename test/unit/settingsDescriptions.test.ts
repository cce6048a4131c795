// The Settings UI shows each setting's markdownDescription as its only help: it must say what the value
// is for and show an example value, in sentences.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface Setting {
  markdownDescription?: string;
  description?: string;
  enum?: unknown[];
  enumDescriptions?: string[];
}

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Setting> } | Array<{ properties: Record<string, Setting> }> };
};
const blocks = Array.isArray(pkg.contributes.configuration) ? pkg.contributes.configuration : [pkg.contributes.configuration];
const settings = blocks.flatMap((block) => Object.entries(block.properties));

describe('settings read well in the Settings UI', () => {
  it('there are settings to check', () => {
    assert.ok(settings.length >= 10, `only ${settings.length} settings found`);
  });

  for (const [key, setting] of settings) {
    it(`${key}: says what it is for, with an example value`, () => {
      const text = setting.markdownDescription ?? '';
      assert.ok(text.length > 0, 'a markdownDescription (the Settings UI renders it; a plain description would not link settings)');
      assert.equal(setting.description, undefined, 'one description only');
      assert.match(text, /^[A-Z`*]/, 'starts like a sentence');
      assert.match(text, /\.$/, 'ends like a sentence');
      assert.match(text, /\bfor example\b[^.]*`[^`]+`/i, 'an example value, in backticks, after "for example"');
      if (setting.enum) {
        assert.equal(setting.enumDescriptions?.length, setting.enum.length, 'every choice is described');
      }
    });
  }
});
