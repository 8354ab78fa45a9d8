/**
 * TEST-ONLY KEYS. NEVER USE THEM FOR ANYTHING REAL.
 *
 * WeChat Pay public keys (微信支付公钥) of the public-key and the migrating merchant: RSA-2048
 * pairs with no certificate, named by an id `PUB_KEY_ID_` + 32 digits.
 * Generated once with OpenSSL 3 (`openssl req -x509 -newkey rsa:2048 -nodes ...`, `openssl genpkey
 * -algorithm RSA`) and committed on purpose, like test-keys.ts: every sandbox, test and client
 * configuration agrees byte for byte, and nothing is generated at start-up. They protect nothing.
 */

/** WeChat Pay public key of TEST_PUBLIC_KEY_MERCHANT. */
export const TEST_PUBLIC_KEY_OF_PUBLIC_KEY_MERCHANT = {
  /** 微信支付公钥ID: what `Wechatpay-Serial` carries when this key signed. */
  id: 'PUB_KEY_ID_52508930015255042224361785797280',
  /** The key the sandbox signs with (WeChat Pay keeps this one). TEST ONLY. */
  privateKey: `-----BEGIN PRIVATE KEY-----
MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDcFdketjJA2VWm
RCgv6iznyAaitXsXRCeUkwTZaSJMQsyiu1Gsa6Y34Xs1OSFIZmiB6vOve0ii2HfM
jzotq7NVLF+fjZFpRM70oAVELoRG2zI2XF9d2tlauLvN/bolraz2shfRT6X+seud
TWs/ZA5xSYCUmEwio4Fr7buqgIHNKHv3Q67QQj8QzpCPV6kiDT0iGxOGJmf0dcPA
wNUQgO6gqu0HHHsGh3z2b++SS5eKEuR12smdaSEt51+DtZWXb0AG1nE1XgIYrISQ
5oLwN6IvipcLJQD/21wPavggKNL45Ib8enspxUPLN8A9X+EMxQCzXqlSOwjv1Z8n
5ZiDbo1fAgMBAAECggEAOX+zw+RR6MNfLxsrbKk/piaKJURIrmFt/dETOUHQZiAl
mnZZ9jQBryPHrrYITgQDVb3ugHAzH+hyFA1vY7MyHRSEvwibbuc9MogEGDYW9PQb
gDxN5hVhJ+SPnFenpGRlheYtds/aTFprdiNd26fmZg6P+0J20a3qCCqKFxeP0es/
ZzqgbQIssgg3weinJqBRz5Sisy7jno8x1qU4Q1El5ORGkKpznWRtkRISGrJoECsS
I4J52Pe/5bIGQyiuJ9n06KKKHCfE/vsViygtBLE+vcig3QRLQff/esjRL3AvyIO0
qVElPFj2EoLLp1zagDW7yaqh5wkb4dZzdgBqFlyz0QKBgQD/3rE0/q3qCTlCzQAl
niYRo6wk6hGs4VWwxHdXy5u+0wgs4QCAajnnB7OXJBgR8njZM+0m0iFN/nSw67Iu
LuzjRqsbsHdinxXR6AB3njh7dZGq8E3+z9GNC1jvngCYFCUo2pyylhbQwYxqRX8/
xFn7UsZy8zHJbCsUCqyIQ43NtQKBgQDcMn9nInzzz8zli42m/bS/L8Bxjs9nS2up
wlGy94t9SA5o4LBp2iv9fot/BhniMX7q1X2ZSw/z/04kH/+Og3M/+Z8MN2TbPWwq
/GwJg1zYkwxKL2VXy9B+JXe75Jt88FuIo55Z0tVvyUZpGpZaVkJ49inRGDXo11R2
iLnqFOU7QwKBgHET1pbIEs4CQ4cNGAqH6OUUw0gRFbykXP1g5ikrt2nO06cZzOHz
kCFU2v5pmiWcVeIPu7fTV5qjYKirkTQt0szid04mX6x7B+abNFGo3+dX3wd/aci5
yS8fG6/R0Qtko8N5UZTvFaguUULJ8eGZgfa67y7v4UnV/ve9e+BAkpOdAoGAOGcK
8U0JOp6IumeDsjmcWbiOj8fn4mqUOliW+sOjzERvxHeBWKvUxsrqSnAyoxjQjLCA
yopKnNJRnrk/ia6sD8AN+GAcCnhyQ5SCy/EFEEiiRkJbsCB52EYapFtLZLZgi+B1
SEbT+x1QVs3Do4Ii5r8POQr9jBXUAcTF8mrFyOcCgYBGTNBvOwImOt5Ff0Cj7Zv3
tQR4JdYMymtWBg/RLmY5UDzaLVzJeCglOsdxP0Vpnj67IZSau/SAgBPawfFGTuSI
1nYcdr32RmSWKY5Ya/WX7OHHzphggxdzJ093SI91wPbawyDazZjRaQP3u4WyfmP6
ENx3c55HSpkzFUuYRQxWWg==
-----END PRIVATE KEY-----
`,
  /** 微信支付公钥 (`pub_key.pem`, SPKI PEM): what the merchant downloads and verifies with. */
  publicKey: `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3BXZHrYyQNlVpkQoL+os
58gGorV7F0QnlJME2WkiTELMortRrGumN+F7NTkhSGZogerzr3tIoth3zI86Lauz
VSxfn42RaUTO9KAFRC6ERtsyNlxfXdrZWri7zf26Ja2s9rIX0U+l/rHrnU1rP2QO
cUmAlJhMIqOBa+27qoCBzSh790Ou0EI/EM6Qj1epIg09IhsThiZn9HXDwMDVEIDu
oKrtBxx7Bod89m/vkkuXihLkddrJnWkhLedfg7WVl29ABtZxNV4CGKyEkOaC8Dei
L4qXCyUA/9tcD2r4ICjS+OSG/Hp7KcVDyzfAPV/hDMUAs16pUjsI79WfJ+WYg26N
XwIDAQAB
-----END PUBLIC KEY-----
`,
} as const;

/** WeChat Pay public key of TEST_MIGRATING_MERCHANT. */
export const TEST_PUBLIC_KEY_OF_MIGRATING_MERCHANT = {
  /** 微信支付公钥ID: what `Wechatpay-Serial` carries when this key signed. */
  id: 'PUB_KEY_ID_68142749608595980684376556247190',
  /** The key the sandbox signs with (WeChat Pay keeps this one). TEST ONLY. */
  privateKey: `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCRSDS5ZLA5lNGM
K0IE5hjYTCr7QB5XclGzQoa2+zL4CALf2tlhYS/hCwT0h0Nau2LCmJgRbWwYh/28
xU+uh0O0bdjr15D4VGP+SkDwCXSJDQJ0RZa1YkIr8pOeuAYesqKwnaaQMxtEEzYd
3yrUvAzTIJNtIw99IwyaYGa1BoeiQi54elgjeoVQ7zNgTkIAHTrGKJHIdXLjXXDP
gNuulLR/iH/Eq2cmYPv2qb31loVDQHy9NzWe91YsW7IyeUx2kwdRWMdTvO1r+s0L
IN6sgpUXIQO/6Wf7dBNh1AV1Jbulyk0efx4ePawfIxorVmo2tTNcu1Y/O5X+xDVN
Sw2w3xjvAgMBAAECggEAAyzxXhYJ1hBfLjGp3UKMS3oKvHgv0ZiBman8GNbPy+Uc
7vixJLRDoCcmAhRM0BhldbxxInxiTvz1+mDTt4xkWfbGtYz+MbdigiXsWnLSdcZv
hcwZmbhemuhP+rmqBJTCAptHj0JWt7u1xJxiqsi7fQfqwQlxproT5fHyfMV6RH0m
aXPF0CDPw6IcrGsoPmP7noRhdb/oovpdcdmNvgPiWNJrMOh//Vlqh4WQH2/QlW2I
95yx4/R/nEd/s8XqRLn7GR+YFvqI0jH0fL3YeQU3w3oQzEVrP6xTBK16nQ1+IQ6K
vOEVUkW+lUQBFyF9TuUcY0DvsSgUiEcE9sH1yz2ATQKBgQDDDo5zxsN4T8mh7FI8
ez5mWsJPiCxT0IEvK3xg8s243ID4jMbWGfAVdJGkftDw5qhIIjI9oTIcgqeXdvI4
6PgMpIu3vP+5tac3fCmILbNdL1bEZhp211LhObJfPJkot8jIXmm62YxHgJ4Cz+zf
ZNO4yXZQm+VaU6rtAIPbkkw0mwKBgQC+rHUXwjMBIVYfQLmxEhla5dCYL8dPWGCx
eU5yxMeLMTvjMd85PYNrHvvWcsMS7u+F+yK5Jf/rVsNjJna3lREMK3iVP/Qwz9Ud
hUGkb6ytSDvbZH37wgFw4hQD8qe0hKBtWoULdXf2zQ7P2XoVbdGF8o1/gCwGK6ua
AnLs7GSwPQKBgCFpaulWEMGZGTbNXkDR85xgy4wIDV/GBXro/gM1VBvoWYc5xg2C
n+ds8k21E2FQgV7pzKVV6VmM39xIGbG55lN0FCLDEyLihOQyNoMHIQRDSZ+Wxc25
kI7X7T/3B108Lf50fbPt8+ODmo1sxGx3vvSWPdgM/Dp+vnaecfe4laklAoGBAKDj
3JoDoA4gFw+gChBD+Wkd6nnANynYpR6cAXoOWWI2VRZMitM9+Jp3NoGprLlZLHud
gZtBWUU3nP8ZAau++PeP5tvpbx+Q/389ZjpekRJWlUt27Gd3OMgLvF/obWKBVu1v
KDyXDncOaKUyGTXjyJyCIqund35tcwstbdRFVGDxAoGAH6EBMK5gbMn7iURZPy0g
2fNM1zUKtrMHbuIXxa8fvzJspOqIV+6pG+kd6vCQoQCdhST27qPnLG9ORJqVRtRn
L89pksjTJmm/vVIJzRjdwltoq2l77+n3gbI0U7C7v9l1WMd16tcBlWTSNOYJJ6DQ
s9vNlbaywjXcUESKLPquuIQ=
-----END PRIVATE KEY-----
`,
  /** 微信支付公钥 (`pub_key.pem`, SPKI PEM): what the merchant downloads and verifies with. */
  publicKey: `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAkUg0uWSwOZTRjCtCBOYY
2Ewq+0AeV3JRs0KGtvsy+AgC39rZYWEv4QsE9IdDWrtiwpiYEW1sGIf9vMVProdD
tG3Y69eQ+FRj/kpA8Al0iQ0CdEWWtWJCK/KTnrgGHrKisJ2mkDMbRBM2Hd8q1LwM
0yCTbSMPfSMMmmBmtQaHokIueHpYI3qFUO8zYE5CAB06xiiRyHVy411wz4DbrpS0
f4h/xKtnJmD79qm99ZaFQ0B8vTc1nvdWLFuyMnlMdpMHUVjHU7zta/rNCyDerIKV
FyEDv+ln+3QTYdQFdSW7pcpNHn8eHj2sHyMaK1ZqNrUzXLtWPzuV/sQ1TUsNsN8Y
7wIDAQAB
-----END PUBLIC KEY-----
`,
} as const;
