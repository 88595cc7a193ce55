/**
 * Test certificates, made at test time with openssl in a temp dir (nothing secret is committed).
 *
 * `makeCerts()` returns a CA, a server certificate signed by it (SAN: localhost, myhost.com,
 * 127.0.0.1, ::1), a second one for other.test (for SNI), a client certificate signed by the CA, and
 * a self-signed certificate nobody trusts, one signed by the CA for the name localhost only (no IP
 * address) and one signed by the CA that expired yesterday. Results are cached per process.
 */
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export interface KeyCert {
  readonly key: string
  readonly cert: string
}
export interface Certs {
  readonly ca: string
  readonly server: KeyCert
  readonly other: KeyCert
  readonly client: KeyCert
  readonly selfSigned: KeyCert
  /** signed by the CA, SAN DNS:localhost only */
  readonly localhostOnly: KeyCert
  /** signed by the CA for localhost and 127.0.0.1, expired */
  readonly expired: KeyCert
}

let cached: Certs | undefined

const openssl = (dir: string, args: Array<string>): void => {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] })
}

const signed = (dir: string, name: string, cn: string, san: string, days = "2"): KeyCert => {
  openssl(dir, ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${cn}`])
  writeFileSync(join(dir, `${name}.ext`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`)
  openssl(dir, [
    "x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
    "-out", `${name}.crt`, "-days", days, "-sha256", "-extfile", `${name}.ext`
  ])
  return { key: readFileSync(join(dir, `${name}.key`), "utf8"), cert: readFileSync(join(dir, `${name}.crt`), "utf8") }
}

export const makeCerts = (): Certs => {
  if (cached !== undefined) return cached
  const dir = mkdtempSync(join(tmpdir(), "copas-certs-"))
  try {
    openssl(dir, [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
      "-subj", "/CN=effect-copas test CA", "-addext", "basicConstraints=critical,CA:TRUE",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign"
    ])
    const server = signed(dir, "server", "localhost", "DNS:localhost,DNS:myhost.com,IP:127.0.0.1,IP:::1")
    const other = signed(dir, "other", "other.test", "DNS:other.test")
    const client = signed(dir, "client", "client", "DNS:client")
    const localhostOnly = signed(dir, "localonly", "localhost", "DNS:localhost")
    // a negative validity puts notAfter in the past (openssl 3)
    const expired = signed(dir, "expired", "localhost", "DNS:localhost,IP:127.0.0.1", "-1")
    openssl(dir, [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "self.key", "-out", "self.crt", "-days", "2",
      "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"
    ])
    cached = {
      ca: readFileSync(join(dir, "ca.crt"), "utf8"),
      server,
      other,
      client,
      localhostOnly,
      expired,
      selfSigned: { key: readFileSync(join(dir, "self.key"), "utf8"), cert: readFileSync(join(dir, "self.crt"), "utf8") }
    }
    return cached
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
