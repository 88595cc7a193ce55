// extra certs: expired (signed by the test CA), other.test signed by the CA (exists), IP-only
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
export const makeExpired = () => {
  const dir = mkdtempSync(join(tmpdir(), "u-tls-"))
  const o = (a: Array<string>) => execFileSync("openssl", a, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] })
  o(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=u CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
  o(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "s.key", "-out", "s.csr", "-subj", "/CN=localhost"])
  writeFileSync(join(dir, "s.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
  // openssl 3.0 x509: -days -1 gives notAfter in the past
  o(["x509", "-req", "-in", "s.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "s.crt", "-days", "-1", "-sha256", "-extfile", "s.ext"])
  const r = { ca: readFileSync(join(dir, "ca.crt"), "utf8"), key: readFileSync(join(dir, "s.key"), "utf8"), cert: readFileSync(join(dir, "s.crt"), "utf8") }
  rmSync(dir, { recursive: true, force: true })
  return r
}
