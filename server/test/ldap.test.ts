import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TestClient, type TestApp } from "./harness.js";
import { ADMIN_DN, ADMIN_PASSWORD, BASE_DN, SLAPD, startSlapd, type Slapd } from "./slapd.js";

const DIRECTORY = `dn: ${BASE_DN}
objectClass: dcObject
objectClass: organization
dc: docket
o: Docket test

dn: ou=people,${BASE_DN}
objectClass: organizationalUnit
ou: people

dn: ou=groups,${BASE_DN}
objectClass: organizationalUnit
ou: groups

dn: uid=ivanov,ou=people,${BASE_DN}
objectClass: inetOrgPerson
uid: ivanov
cn: Ivan Ivanov
sn: Ivanov
displayName:: 0JjQstCw0L0g0JjQstCw0L3QvtCy
mail: ivanov@corp.test
userPassword: ivanov-secret

dn: uid=petrova,ou=people,${BASE_DN}
objectClass: inetOrgPerson
objectClass: docketAdAccount
uid: petrova
sAMAccountName: mpetrova
cn: Maria Petrova
sn: Petrova
displayName:: 0JzQsNGA0LjRjyDQn9C10YLRgNC+0LLQsA==
mail: petrova@corp.test
userAccountControl: 512
userPassword: petrova-secret

dn: uid=blocked,ou=people,${BASE_DN}
objectClass: inetOrgPerson
objectClass: docketAdAccount
uid: blocked
sAMAccountName: blocked
cn: Blocked Person
sn: Person
mail: blocked@corp.test
userAccountControl: 514
userPassword: blocked-secret

dn: cn=docket-admins,ou=groups,${BASE_DN}
objectClass: groupOfNames
cn: docket-admins
member: uid=petrova,ou=people,${BASE_DN}
`;

// Locally a missing slapd skips this suite; CI (CI=true) installs it, and there a missing slapd fails.
const run = SLAPD || process.env.CI ? describe : describe.skip;

run("sign-in through LDAP / Active Directory (a real slapd)", () => {
  let slapd: Slapd;
  let t: TestApp;
  const signIn = (login: string, password: string) =>
    new TestClient(t.app).post("/api/auth/login", { email: login, password });

  beforeAll(async () => {
    slapd = await startSlapd(DIRECTORY);
    t = await createTestApp({
      ldap: {
        url: slapd.url,
        bindDn: ADMIN_DN,
        bindPassword: ADMIN_PASSWORD,
        baseDn: BASE_DN,
        userFilter: "(|(mail={login})(sAMAccountName={login})(uid={login}))",
        adminGroup: `cn=docket-admins,ou=groups,${BASE_DN}`,
        startTls: false,
        tlsVerify: true,
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  const userCount = async () => (await t.admin.get("/api/users?limit=200")).body.items.length;

  it("creates the user on the first directory sign-in (by uid), then signs the same user in by email", async () => {
    const before = await userCount();
    const first = await signIn("ivanov", "ivanov-secret");
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({
      email: "ivanov@corp.test",
      name: "Иван Иванов",
      role: "user",
      active: true,
    });
    expect(await userCount()).toBe(before + 1);

    const again = await signIn("ivanov@corp.test", "ivanov-secret");
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    expect(await userCount()).toBe(before + 1);
  });

  it("refuses a wrong password, an empty one and a filter trick, creating nobody", async () => {
    const before = await userCount();
    expect((await signIn("ivanov", "wrong")).status).toBe(401);
    expect((await signIn("ivanov", "")).status).toBe(401);
    expect((await signIn("*", "ivanov-secret")).status).toBe(401);
    expect((await signIn("nobody", "whatever")).status).toBe(401);
    expect(await userCount()).toBe(before);
  });

  it("makes a member of the admin group an administrator (AD login by sAMAccountName)", async () => {
    const res = await signIn("mpetrova", "petrova-secret");
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: "petrova@corp.test", name: "Мария Петрова", role: "admin" });
    const client = new TestClient(t.app);
    await client.login("mpetrova", "petrova-secret");
    expect((await client.get("/api/audit?limit=1")).status).toBe(200);
  });

  it("refuses an account disabled in the directory (userAccountControl ACCOUNTDISABLE), with the right password", async () => {
    const before = await userCount();
    expect((await signIn("blocked", "blocked-secret")).status).toBe(401);
    expect(await userCount()).toBe(before);
  });

  it("refuses a provisioned user whose directory entry was removed", async () => {
    expect((await signIn("ivanov", "ivanov-secret")).status).toBe(200);
    slapd.ldapModify(`dn: uid=ivanov,ou=people,${BASE_DN}\nchangetype: delete\n`);
    expect((await signIn("ivanov", "ivanov-secret")).status).toBe(401);
    expect((await signIn("ivanov@corp.test", "ivanov-secret")).status).toBe(401);
  });

  it("keeps local accounts working beside the directory", async () => {
    const local = await t.userClient("Local");
    expect(local.user.role).toBe("user");
    expect(
      (await t.anonymous().post("/api/auth/login", { email: "admin@example.com", password: "admin-password-1" }))
        .status,
    ).toBe(200);
  });
});

run("sign-in through LDAPS and StartTLS (a real slapd with a certificate from a test CA)", () => {
  let slapd: Slapd;
  beforeAll(async () => {
    slapd = await startSlapd(DIRECTORY, { tls: true });
  }, 60_000);
  afterAll(async () => slapd?.stop());

  /** Signs ivanov in through a Docket whose directory settings are `tls`; returns the HTTP status. */
  async function signInOver(tls: { url: string; startTls: boolean; tlsCaFile?: string }): Promise<number> {
    const t = await createTestApp({
      ldap: {
        bindDn: ADMIN_DN,
        bindPassword: ADMIN_PASSWORD,
        baseDn: BASE_DN,
        userFilter: "(|(mail={login})(uid={login}))",
        tlsVerify: true,
        ...tls,
      },
    });
    try {
      const res = await new TestClient(t.app).post("/api/auth/login", { email: "ivanov", password: "ivanov-secret" });
      if (res.status === 200) expect(res.body.user.email).toBe("ivanov@corp.test");
      return res.status;
    } finally {
      await t.close();
    }
  }

  it("signs in over ldaps:// when DOCKET_LDAP_TLS_CA names the directory's CA", async () => {
    expect(await signInOver({ url: slapd.ldapsUrl!, startTls: false, tlsCaFile: slapd.caFile })).toBe(200);
  });

  it("signs in over ldap:// upgraded with StartTLS, the CA configured", async () => {
    expect(await signInOver({ url: slapd.url, startTls: true, tlsCaFile: slapd.caFile })).toBe(200);
  });

  it("refuses when the directory's certificate is not trusted (no CA configured), over LDAPS and StartTLS", async () => {
    expect(await signInOver({ url: slapd.ldapsUrl!, startTls: false })).toBe(401);
    expect(await signInOver({ url: slapd.url, startTls: true })).toBe(401);
  });
});
