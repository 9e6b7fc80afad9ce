// Writes lib/version.ts from package.json's version (run by `npm version`, see package.json "version").
const fs = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const file = path.join(root, 'lib', 'version.ts');
fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/export const version = '[^']*';/, `export const version = '${version}';`));
