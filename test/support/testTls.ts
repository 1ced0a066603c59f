/**
 * TLS for tests: a CA made in the test (node:crypto keys, node-forge certificates) and an HTTPS server in front of
 * the plain-HTTP sandbox, so production's pinned HTTPS is exercised against real loopback servers. The front can
 * speak as a real gateway would (its own /health identity) or pass everything through (then it is the sandbox).
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';

export interface IssuedCertificate {
  keyPem: string;
  certificatePem: string;
}

export interface TestCa extends IssuedCertificate {
  /** A server certificate for these addresses (IP SANs) and names (DNS SANs). */
  issueServer(subjects: { ips?: string[]; names?: string[] }): IssuedCertificate;
}

function rsaKeys() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs1', format: 'pem' } });
  return { publicKey: forge.pki.publicKeyFromPem(publicKey), privateKey: forge.pki.privateKeyFromPem(privateKey), keyPem: privateKey };
}

function certificate(subject: string, publicKey: forge.pki.PublicKey, extensions: object[]) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3_600_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setExtensions(extensions);
  return cert;
}

export function createTestCa(commonName = 'Qabyl test gateway CA'): TestCa {
  const keys = rsaKeys();
  const ca = certificate(commonName, keys.publicKey, [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]);
  ca.setIssuer(ca.subject.attributes);
  ca.sign(keys.privateKey, forge.md.sha256.create());
  return {
    keyPem: keys.keyPem,
    certificatePem: forge.pki.certificateToPem(ca),
    issueServer({ ips = [], names = [] }) {
      const server = rsaKeys();
      const cert = certificate(names[0] ?? ips[0] ?? 'gateway', server.publicKey, [
        { name: 'basicConstraints', cA: false },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [...ips.map((ip) => ({ type: 7, ip })), ...names.map((value) => ({ type: 2, value }))] },
      ]);
      cert.setIssuer(ca.subject.attributes);
      cert.sign(keys.privateKey, forge.md.sha256.create());
      return { keyPem: server.keyPem, certificatePem: forge.pki.certificateToPem(cert) };
    },
  };
}

export interface HttpsFront {
  url: string;
  /** Requests that reached the server over TLS, /health included. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * An HTTPS server on loopback forwarding every request to `target` (plain HTTP). With `service`, it answers /health
 * itself under that name, as the real gateway would; without, the target's own /health goes through.
 */
export async function startHttpsFront(options: { target: string; tls: IssuedCertificate; service?: string }): Promise<HttpsFront> {
  const requests: string[] = [];
  const target = new URL(options.target);
  const server: Server = createServer({ key: options.tls.keyPem, cert: options.tls.certificatePem }, (req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (options.service && req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: options.service }));
      return;
    }
    const forwarded = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', () => res.writeHead(502).end());
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
