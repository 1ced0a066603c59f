/**
 * Release signing of the update feed (electron/host/updates/feedSignature.ts):
 *   npx tsx scripts/signUpdateFeed.ts --new-key release-update-key.pem
 *     makes an Ed25519 key (keep the file offline) and prints the public key to add to PINNED_UPDATE_KEYS;
 *   npx tsx scripts/signUpdateFeed.ts --key release-update-key.pem dist/latest.yml [dist/latest-linux.yml]
 *     writes latest.yml.sig beside each feed file; publish both with the installers. Exit 2 on wrong use.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { signatureFileName, signUpdateFeed, verifyUpdateFeed } from '../electron/host/updates/feedSignature';

const { values, positionals } = parseArgs({ options: { key: { type: 'string' }, 'new-key': { type: 'string' } }, allowPositionals: true });

if (values['new-key']) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', { publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  // 'wx': never overwrite a release key already there.
  await writeFile(values['new-key'], privateKey, { mode: 0o600, flag: 'wx' });
  console.log(`private key written to ${values['new-key']}; pin this public key in electron/host/updates/feedSignature.ts:\n${publicKey}`);
} else if (values.key && positionals.length > 0) {
  const privateKeyPem = await readFile(values.key, 'utf8');
  const publicKeyPem = createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
  for (const feedFile of positionals) {
    const feed = await readFile(feedFile);
    const signature = signUpdateFeed(feed, privateKeyPem);
    verifyUpdateFeed(feed, signature, [publicKeyPem]);
    await writeFile(signatureFileName(feedFile), `${signature}\n`);
    console.log(`signed ${feedFile} → ${signatureFileName(feedFile)}`);
  }
} else {
  console.error('usage: tsx scripts/signUpdateFeed.ts --new-key OUT.pem | --key KEY.pem latest.yml [latest-linux.yml]');
  process.exit(2);
}
