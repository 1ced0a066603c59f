/**
 * A stand-in of NCALayer for tests (eds.md "Recommendations" §4): wss on 127.0.0.1 with a self-signed certificate,
 * the version greeting on connect, and `kz.gov.pki.knca.basics` `sign` answered in each reply shape real NCALayer
 * sends. It plays the operator choosing a key in NCALayer's dialog with a PKCS#12 file, an RSA or a real NCA GOST 2015
 * test key, and signs as NCALayer does, with our own signers of the Kalkan shapes: enveloped XMLDSig with the key's
 * algorithm URIs (pkigovkz for GOST 2015), and a detached CMS over a digest the caller computed.
 * Like NCALayer it enables a test key only when `signerParams.chain` holds its issuer, and it signs a digest only as
 * the key's own hash. It deliberately ignores `signerParams.iin`, so tests show the host's own checks catch a signer.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { WebSocketServer } from 'ws';
import { z } from 'zod';
import { openKeyFile } from '../../electron/host/keys/pkcs12Container';
import { signingKeyOf } from '../../electron/host/keys/unlockedSigningKey';
import { signXmlEnveloped } from '../../electron/host/keys/xmlSignature';
import { createDetachedCms } from '../../shared/pki/detachedCms';
import type { SigningKey } from '../../shared/pki/signingKey';

/**
 * sign: the operator chose the key and typed the password; cancel: closed the dialog, which basics reports as
 * `{status: true, body: {}}`; cancelError: the same as older NCALayer words it (`action.canceled`); wrongType: NCALayer
 * rejected the arguments; otherDocument: a valid signature over another document (another file's digest), as a
 * compromised or impostor NCALayer could return; badSignature: the signature value with one byte changed; silent: the
 * dialog is left open, nothing comes back.
 */
export type StandInMode = 'sign' | 'cancel' | 'cancelError' | 'wrongType' | 'otherDocument' | 'badSignature' | 'silent';

/**
 * How `body.result` is shaped: plain: a string for a string, an array for an array of data items; array: always an
 * array, one entry per item (what current NCALayer returns for CMS); outputCert: `{signatures, certificate}`.
 */
export type ReplyShape = 'plain' | 'array' | 'outputCert';

export interface NcaLayerStandIn {
  url: string;
  /** The server's self-signed TLS certificate, for the client's `tlsCa`. */
  tlsCertPem: string;
  /** The mode for every request, or (with `format`) for requests of that format only, the others signing. */
  setMode(mode: StandInMode, format?: 'xml' | 'cms'): void;
  setReplyShape(shape: ReplyShape): void;
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
    data: z.union([z.string(), z.array(z.string())]),
    signingParams: z.object({ decode: z.boolean(), encapsulate: z.boolean(), digested: z.boolean() }).passthrough(),
    signerParams: z.object({ extKeyUsageOids: z.array(z.string()), iin: z.string(), chain: z.array(z.string()).nullable().optional() }).passthrough(),
    locale: z.enum(['kk', 'ru', 'en']),
  }),
});
export type SignRequest = z.infer<typeof signRequestSchema>;

/** Replies as NCALayer words them (eds.md §1; pkigovkz/NCALayerJSExample; sigex-kz/ncalayer-js-client). */
const replies = {
  greeting: { result: { version: '1.4' } },
  signed: (result: unknown) => ({ status: true, body: { result } }),
  cancelled: { status: true, body: {} },
  canceledError: { status: false, code: '500', message: 'action.canceled' },
  typeMismatch: { status: false, code: '500', message: 'java.lang.IllegalArgumentException: argument type mismatch. Method: sign' },
  failed: (message: string) => ({ status: false, code: '500', message }),
};


function selfSignedLoopbackCertificate(): { keyPem: string; certPem: string } {
  // Node generates the key natively (forge would take seconds); forge only writes the certificate.
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

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Whether NCALayer would enable the key: its issuer among the `chain` certificates (no chain: production NCA only). */
function keyEnabledBy(chain: string[] | null | undefined, issuer: pkijs.Certificate['issuer']): boolean {
  if (chain === null || chain === undefined) return false;
  if (chain.length === 0) return true;
  return chain.some((pem) => {
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    return pkijs.Certificate.fromBER(new Uint8Array(der)).subject.isEqual(issuer);
  });
}

export async function startNcaLayerStandIn(opts: {
  p12Der: Uint8Array;
  password: string;
  mode?: StandInMode;
  /** The CMS signing time; now by default. */
  signingTime?: Date;
  /** An impostor that enables the key whatever `chain` says, so the host's own chain check is what refuses it. */
  ignoresChain?: boolean;
}): Promise<NcaLayerStandIn> {
  const opened = openKeyFile(opts.p12Der, opts.password);
  const key = signingKeyOf(opened.key, opened.certificateDer);
  const tls = selfSignedLoopbackCertificate();
  let mode: StandInMode = opts.mode ?? 'sign';
  let modeFormat: 'xml' | 'cms' | undefined;
  let shape: ReplyShape = 'plain';
  const requests: SignRequest[] = [];
  // A GOST 2015 key signs a 64-byte Streebog-512 digest, an RSA key a 32-byte SHA-256 one; Kalkan refuses any other.
  const digestLength = key.digest(new Uint8Array()).length;

  const shaped = (data: SignRequest['args']['data'], signatures: string[]) => {
    if (shape === 'outputCert') return { signatures, certificate: base64(key.certificateDer) };
    return shape === 'plain' && typeof data === 'string' ? signatures[0] : signatures;
  };

  // The same key with one byte of every signature value changed.
  const tampered: SigningKey = {
    ...key,
    digest: (data) => key.digest(data),
    sign: (data) => {
      const value = key.sign(data);
      value[value.length - 1] = value[value.length - 1]! ^ 0x01;
      return value;
    },
  };

  const sign = async ({ format, data, signingParams, signerParams }: SignRequest['args'], signWith: SigningKey = key, otherFile = false) => {
    // With no key to enable, all the operator can do in NCALayer's dialog is close it.
    if (!opts.ignoresChain && !keyEnabledBy(signerParams.chain, opened.certificate.issuer)) return replies.cancelled;
    const items = typeof data === 'string' ? [data] : data;
    if (format === 'xml') return replies.signed(shaped(data, items.map((xml) => signXmlEnveloped(xml, signWith))));
    if (!signingParams.digested || !signingParams.decode || signingParams.encapsulate) return replies.failed('stand-in signs CMS only over a digest');
    const digests = items.map((item) => new Uint8Array(Buffer.from(item, 'base64')));
    if (digests.some((digest) => digest.length !== digestLength)) return replies.failed('Invalid hash length for the key algorithm');
    const signingTime = opts.signingTime ?? new Date();
    const signedDigests = otherFile ? digests.map(() => key.digest(Buffer.from('another file'))) : digests;
    const cms = await Promise.all(signedDigests.map((contentDigest) => createDetachedCms({ contentDigest, key: signWith, signingTime })));
    return replies.signed(shaped(data, cms.map(base64)));
  };

  const replyTo = async (args: SignRequest['args']) => {
    switch (modeFormat === undefined || modeFormat === args.format ? mode : 'sign') {
      case 'cancel':
        return replies.cancelled;
      case 'cancelError':
        return replies.canceledError;
      case 'wrongType':
        return replies.typeMismatch;
      case 'sign':
        return sign(args);
      case 'otherDocument':
        return args.format === 'xml' ? sign({ ...args, data: '<request><amount>1000000</amount></request>' }) : sign(args, key, true);
      case 'badSignature':
        return sign(args, tampered);
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
    setMode: (next, format) => {
      mode = next;
      modeFormat = format;
    },
    setReplyShape: (next) => {
      shape = next;
    },
    requests,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
