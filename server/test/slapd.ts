import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "./server-process.js";

export const SLAPD = ["/usr/sbin/slapd", "/usr/bin/slapd"].find((p) => fs.existsSync(p));
export const BASE_DN = "dc=docket,dc=test";
export const ADMIN_DN = `cn=admin,${BASE_DN}`;
export const ADMIN_PASSWORD = "directory-admin";

// The two Active Directory attributes the sign-in reads, with AD's own OIDs, for an OpenLDAP test directory.
const AD_SCHEMA = `
attributetype ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )
attributetype ( 1.2.840.113556.1.4.221 NAME 'sAMAccountName' EQUALITY caseIgnoreMatch
  SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.55555.1.1 NAME 'docketAdAccount' AUXILIARY MAY ( userAccountControl $ sAMAccountName ) )
`;

export interface Slapd {
  url: string;
  /** With `tls`: ldaps:// on a second port (StartTLS works on `url`), and the PEM of the CA that signed slapd's certificate. */
  ldapsUrl?: string;
  caFile?: string;
  ldapModify(ldif: string): void;
  stop(): Promise<void>;
}

/**
 * A test CA and a certificate it signs for 127.0.0.1 (openssl), as a company's directory has: the client must be
 * told to trust the CA.
 */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (args: string[]) => {
    const run = spawnSync("openssl", args, { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
  };
  openssl([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=Docket Test CA",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.pem"),
  ]);
  openssl([
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-subj",
    "/CN=127.0.0.1",
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
  ]);
  fs.writeFileSync(
    file("server.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
  );
  openssl([
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("server.ext"),
    "-out",
    file("server.pem"),
  ]);
  return { ca: file("ca.pem"), cert: file("server.pem"), key: file("server.key") };
}

/**
 * A real OpenLDAP server on a free loopback port, with a generated config and the given directory (LDIF); with
 * `tls`, also LDAPS on a second port and StartTLS, with a certificate from a test CA.
 */
export async function startSlapd(ldif: string, options: { tls?: boolean } = {}): Promise<Slapd> {
  if (!SLAPD) throw new Error("slapd is not installed (apt-get install slapd ldap-utils)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docket-slapd-"));
  fs.mkdirSync(path.join(dir, "db"));
  fs.writeFileSync(path.join(dir, "ad.schema"), AD_SCHEMA);
  const modules = ["/usr/lib/ldap", "/usr/lib/x86_64-linux-gnu/ldap", "/usr/lib/aarch64-linux-gnu/ldap"].find(
    (p) => fs.existsSync(path.join(p, "back_mdb.la")) || fs.existsSync(path.join(p, "back_mdb.so")),
  );
  const certificates = options.tls ? makeCertificates(dir) : undefined;
  const conf = [
    ...(certificates
      ? [
          `TLSCACertificateFile ${certificates.ca}`,
          `TLSCertificateFile ${certificates.cert}`,
          `TLSCertificateKeyFile ${certificates.key}`,
        ]
      : []),
    "include /etc/ldap/schema/core.schema",
    "include /etc/ldap/schema/cosine.schema",
    "include /etc/ldap/schema/inetorgperson.schema",
    "include /etc/ldap/schema/nis.schema",
    `include ${path.join(dir, "ad.schema")}`,
    `pidfile ${path.join(dir, "slapd.pid")}`,
    ...(modules ? [`modulepath ${modules}`, "moduleload back_mdb"] : []),
    "database mdb",
    "maxsize 10485760",
    `suffix "${BASE_DN}"`,
    `rootdn "${ADMIN_DN}"`,
    `rootpw ${ADMIN_PASSWORD}`,
    `directory ${path.join(dir, "db")}`,
    "",
  ].join("\n");
  const confFile = path.join(dir, "slapd.conf");
  fs.writeFileSync(confFile, conf);
  fs.writeFileSync(path.join(dir, "data.ldif"), ldif);
  const add = spawnSync("/usr/sbin/slapadd", ["-f", confFile, "-l", path.join(dir, "data.ldif")], { encoding: "utf8" });
  if (add.status !== 0) throw new Error(`slapadd failed: ${add.stderr}`);

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  const ldapsUrl = certificates ? `ldaps://127.0.0.1:${await freePort()}` : undefined;
  const listen = ldapsUrl ? `${url}/ ${ldapsUrl}/` : `${url}/`;
  // -d keeps slapd in the foreground, so it is our child and dies with the test.
  const child: ChildProcess = spawn(SLAPD, ["-f", confFile, "-h", listen, "-d", "0"], { stdio: "ignore" });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probe = spawnSync("ldapsearch", ["-x", "-H", url, "-b", BASE_DN, "-s", "base", "-LLL", "dn"], {
      encoding: "utf8",
    });
    if (probe.status === 0) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`slapd did not start: ${probe.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    ldapsUrl,
    caFile: certificates?.ca,
    ldapModify(changes: string) {
      const result = spawnSync("ldapmodify", ["-x", "-H", url, "-D", ADMIN_DN, "-w", ADMIN_PASSWORD], {
        input: changes,
        encoding: "utf8",
      });
      if (result.status !== 0) throw new Error(`ldapmodify failed: ${result.stderr}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGTERM");
      }),
  };
}
