/**
 * A fake NCALayer for tests (eds.md "Recommendations" §4): wss on 127.0.0.1 with a self-signed
 * certificate, the version greeting on connect, and `kz.gov.pki.knca.basics` `sign` answered in
 * NCALayer's reply shapes. It signs with a configured PKCS#12 key in place of the user's dialog, and
 * deliberately ignores `signerParams.iin`, so tests can show the host's own checks catch a wrong signer.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, webcrypto } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { signXmlEnveloped } from '../../electron/host/keys/xmlSignature';
import { createDetachedCms } from '../../shared/pki/detachedCms';
import { derOfPem } from '../../sandbox/pki/webCryptoSigner';

const webCrypto = webcrypto as unknown as Parameters<typeof createDetachedCms>[0]['crypto'];

/**
 * sign: as if the user chose the key and typed the password; cancel: closed the dialog; wrongType:
 * NCALayer rejected the arguments; otherDocument: a valid signature over another document, as a
 * compromised or impostor NCALayer could return; silent: the dialog is left open, nothing comes back.
 */
export type StandInMode = 'sign' | 'cancel' | 'wrongType' | 'otherDocument' | 'silent';

export interface NcaLayerStandIn {
  url: string;
  /** The server's self-signed TLS certificate, for the client's `tlsCa`. */
  tlsCertPem: string;
  setMode(mode: StandInMode): void;
  /** Parsed `sign` requests received, oldest first. */
  requests: SignRequest[];
  close(): Promise<void>;
}

const signRequestSchema = z.object({
  module: z.literal('kz.gov.pki.knca.basics'),
  method: z.literal('sign'),
  args: z.object({
    allowedStorages: z.array(z.string()),
    format: z.enum(['xml', 'cms']),
    data: z.string(),
    signingParams: z.object({ decode: z.boolean(), encapsulate: z.boolean(), digested: z.boolean() }).passthrough(),
    signerParams: z.object({ extKeyUsageOids: z.array(z.string()), iin: z.string() }).passthrough(),
    locale: z.enum(['kk', 'ru', 'en']),
  }),
});
export type SignRequest = z.infer<typeof signRequestSchema>;

/** Replies as NCALayer words them (eds.md §1; sigex-kz/ncalayer-js-client test data). */
const replies = {
  greeting: { result: { version: '1.4' } },
  signed: (signedXml: string) => ({ status: true, body: { result: signedXml } }),
  canceled: { status: false, code: '500', message: 'action.canceled' },
  typeMismatch: { status: false, code: '500', message: 'java.lang.IllegalArgumentException: argument type mismatch. Method: sign' },
};

function selfSignedLoopbackCertificate(): { keyPem: string; certPem: string } {
  const { privateKey: keyPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const privateKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e);
  cert.serialNumber = '01' + randomBytes(8).toString('hex');
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const name = [{ name: 'commonName', value: '127.0.0.1' }];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** The signing key and its certificate from a PKCS#12 file, as NCALayer would open it. */
function openKey(p12Der: Uint8Array, password: string): { keyPem: string; certPem: string } {
  const { pki, pkcs12, asn1, util } = forge;
  const p12 = pkcs12.pkcs12FromAsn1(asn1.fromDer(util.createBuffer(Buffer.from(p12Der).toString('binary'))), password);
  const bags = (bagType: string) => p12.getBags({ bagType })[bagType] ?? [];
  const key = bags(pki.oids.pkcs8ShroudedKeyBag!)[0]?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('NCALayer stand-in: no RSA key in the PKCS#12 file');
  const cert = bags(pki.oids.certBag!)
    .flatMap((bag) => (bag.cert ? [bag.cert] : []))
    .find((candidate) => (candidate.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!cert) throw new Error('NCALayer stand-in: no certificate for the key');
  return { keyPem: pki.privateKeyToPem(key), certPem: pki.certificateToPem(cert) };
}

export async function startNcaLayerStandIn(opts: { p12Der: Uint8Array; password: string; mode?: StandInMode }): Promise<NcaLayerStandIn> {
  const signer = openKey(opts.p12Der, opts.password);
  const tls = selfSignedLoopbackCertificate();
  let mode: StandInMode = opts.mode ?? 'sign';
  const requests: SignRequest[] = [];

  // CMS over a pre-computed digest (format 'cms', digested), as NCALayer answers it: base64 DER.
  const signDigest = async (digestBase64: string) => {
    const pkcs8 = createPrivateKey(signer.keyPem).export({ type: 'pkcs8', format: 'der' });
    const privateKey = await webCrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const cms = await createDetachedCms({ contentDigest: Buffer.from(digestBase64, 'base64'), privateKey, signerCertificateDer: derOfPem(signer.certPem), signingTime: new Date(), crypto: webCrypto });
    return Buffer.from(cms).toString('base64');
  };

  const replyTo = async ({ format, data }: SignRequest['args']) => {
    switch (mode) {
      case 'cancel':
        return replies.canceled;
      case 'wrongType':
        return replies.typeMismatch;
      case 'sign':
        return replies.signed(format === 'cms' ? await signDigest(data) : signXmlEnveloped(data, signer.keyPem, signer.certPem));
      case 'otherDocument':
        return replies.signed(signXmlEnveloped('<request><amount>1000000</amount></request>', signer.keyPem, signer.certPem));
      case 'silent':
        return null;
    }
  };

  const server = createServer({ key: tls.keyPem, cert: tls.certPem });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify(replies.greeting));
    socket.on('message', (data) => {
      const parsed = signRequestSchema.safeParse(JSON.parse(String(data)));
      if (!parsed.success) {
        socket.send(JSON.stringify(replies.typeMismatch));
        return;
      }
      requests.push(parsed.data);
      void replyTo(parsed.data.args).then((reply) => {
        if (reply) socket.send(JSON.stringify(reply));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `wss://127.0.0.1:${port}`,
    tlsCertPem: tls.certPem,
    setMode: (next) => {
      mode = next;
    },
    requests,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
