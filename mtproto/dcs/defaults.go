package dcs

// Telegram's published DC addresses and server keys: the defaults a client
// uses when nothing else is configured (my.telegram.org lists them for
// every app; core.telegram.org/api/datacenter describes the DCs).

// ProductionDCs are the production DC addresses (IPv4, port 443).
var ProductionDCs = []Address{
	{ID: 1, Addr: "149.154.175.53:443"},
	{ID: 2, Addr: "149.154.167.51:443"},
	{ID: 3, Addr: "149.154.175.100:443"},
	{ID: 4, Addr: "149.154.167.91:443"},
	{ID: 5, Addr: "91.108.56.130:443"},
}

// TestDCs are the test DC addresses.
var TestDCs = []Address{
	{ID: 1, Addr: "149.154.175.10:443"},
	{ID: 2, Addr: "149.154.167.40:443"},
	{ID: 3, Addr: "149.154.175.117:443"},
}

// ProductionKey is Telegram's production server key (fingerprint
// -3414540481677951611), as also shipped by Telethon v2
// (client/src/telethon/_impl/crypto/rsa.py, PRODUCTION_RSA_KEY).
const ProductionKey = `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEA6LszBcC1LGzyr992NzE0ieY+BSaOW622Aa9Bd4ZHLl+TuFQ4lo4g
5nKaMBwK/BIb9xUfg0Q29/2mgIR6Zr9krM7HjuIcCzFvDtr+L0GQjae9H0pRB2OO
62cECs5HKhT5DZ98K33vmWiLowc621dQuwKWSQKjWf50XYFw42h21P2KXUGyp2y/
+aEyZ+uVgLLQbRA1dEjSDZ2iGRy12Mk5gpYc397aYp438fsJoHIgJ2lgMv5h7WY9
t6N/byY9Nw9p21Og3AoXSL2q/2IJ1WRUhebgAdGVMlV1fkuOQoEzR7EdpqtQD9Cs
5+bfo3Nhmcyvk5ftB0WkJ9z6bNZ7yxrP8wIDAQAB
-----END RSA PUBLIC KEY-----`

// TestKey is the test DCs' server key (fingerprint -5595554452916591101),
// Telethon v2's TESTMODE_RSA_KEY.
const TestKey = `-----BEGIN RSA PUBLIC KEY-----
MIIBCgKCAQEAyMEdY1aR+sCR3ZSJrtztKTKqigvO/vBfqACJLZtS7QMgCGXJ6XIR
yy7mx66W0/sOFa7/1mAZtEoIokDP3ShoqF4fVNb6XeqgQfaUHd8wJpDWHcR2OFwv
plUUI1PLTktZ9uW2WE23b+ixNwJjJGwBDJPQEQFBE+vfmH0JP503wr5INS1poWg/
j25sIWeYPHYeOrFp/eXaqhISP6G+q2IeTaWTXpwZj4LzXq5YOpk4bYEQ6mvRq7D1
aHWfYmlEGepfaYR8Q0YqvvhYtMte3ITnuSJs171+GDqpdKcSwHnd6FudwGO4pcCO
j4WcDuXc2CTHgH8gFTNhp/Y8/SpDOhvn9QIDAQAB
-----END RSA PUBLIC KEY-----`
