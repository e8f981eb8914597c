package crypto

// Known-answer vectors for AES-IGE. The IV layout of every case is the
// OpenSSL/Telegram one: iv[:16] = y0, iv[16:] = x0.

var igeVectors = []struct {
	name                           string
	key, iv, plaintext, ciphertext string
}{
	// Source: github.com/openssl/openssl @
	// 01af32e8904f2d686abf8e93234dbed4a2b3db5b, test/igetest.c:
	// ige_test_vectors[0]
	// Also: github.com/gotd/ige @ e93a9e5f63e082da2122aeebd621bcf460826573,
	// ige_test.go: TestVectors[0] (same values)
	{
		name:       "openssl_ige_test_vector_0 (AES_ENCRYPT)",
		key:        "000102030405060708090a0b0c0d0e0f",
		iv:         "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		plaintext:  "0000000000000000000000000000000000000000000000000000000000000000",
		ciphertext: "1a8519a6557be652e9da8e43da4ef4453cf456b4ca488aa383c79c98b34797cb",
	},
	// Source: github.com/openssl/openssl @
	// 01af32e8904f2d686abf8e93234dbed4a2b3db5b, test/igetest.c:
	// ige_test_vectors[1]
	// Also: github.com/gotd/ige @ e93a9e5f63e082da2122aeebd621bcf460826573,
	// ige_test.go: TestVectors[1] (same values)
	{
		name:       "openssl_ige_test_vector_1 (listed in OpenSSL as AES_DECRYPT of in=4c2e.. giving out=9970..; written here as the equivalent encryption)",
		key:        "5468697320697320616e20696d706c65",
		iv:         "6d656e746174696f6e206f6620494745206d6f646520666f72204f70656e5353",
		plaintext:  "99706487a1cde613bc6de0b6f24b1c7aa448c8b9c3403e3467a8cad89340f53b",
		ciphertext: "4c2e204c6574277320686f70652042656e20676f74206974207269676874210a",
	},
	// Source: github.com/Lonami/grammers @
	// fa7692e49f301f16dc671c2f305ac1a32cad1a8e, grammers-crypto/src/lib.rs:
	// tests::verify_ige_encryption
	// Also: github.com/LonamiWebs/Telethon @
	// f15af530fa4a3b18a2983f3dde36f0c3175ec27a, client/tests/crypto_test.py
	// (branch v2): test_verify_ige_encryption (same values)
	{
		name:       "grammers verify_ige_encryption: key = iv = plaintext = bytes 0x00..0x1f",
		key:        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		iv:         "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		plaintext:  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		ciphertext: "e28112a53e5c89c7b1ea8071c133699fd4e86b26c4bac9fc5af1ab8ce27a44a4",
	},
	// Source: github.com/Lonami/grammers @
	// fa7692e49f301f16dc671c2f305ac1a32cad1a8e, grammers-crypto/src/lib.rs:
	// tests::verify_ige_decryption
	// Also: github.com/LonamiWebs/Telethon @
	// f15af530fa4a3b18a2983f3dde36f0c3175ec27a, client/tests/crypto_test.py
	// (branch v2): test_verify_ige_decryption (same values)
	{
		name:       "grammers verify_ige_decryption: key = iv = ciphertext = bytes 0x00..0x1f",
		key:        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		iv:         "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
		plaintext:  "e5777afacd7b2c16f7ac40cae61ef603fee6098fb8a8860ab9ee672cd7e5bacc",
		ciphertext: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	},
	// Source: github.com/gram-js/gramjs @
	// 3dc2346fb15ee5a73a03bce3bd191e7d28c76f06, __tests__/crypto/AES.spec.ts:
	// IGE encrypt function / IGE decrypt function
	{
		name:       "gramjs IGE encrypt/decrypt (ASCII key, iv, plaintext)",
		key:        "746865206b6579206e656564732033322063686172616374657273206c6f6e67",
		iv:         "746865206976206e656564732033322063686172616374657273206c6f6e672e",
		plaintext:  "746869732073686f756c6420686f6c6420612036342063686172616374657273206c6f6e6720737472696e672e206f6e6c79203130206d6f7265206c6566742e",
		ciphertext: "4a657a834edc2956ec95b2a42ec8c1f2d1f0a6028ac26fd830ed23855574b4e69dd1a2be2ba18a53a49b879b245e1065e14b6e8ac5ba9b24befaff3209b77b5f",
	},
	// Source: github.com/mtcute/mtcute @
	// 42538c29887949aa5799a9a199b30df2f9d59ef0, packages/wasm/tests/ige.test.ts
	// Also: github.com/mtcute/mtcute @ 42538c29887949aa5799a9a199b30df2f9d59ef0,
	// packages/test/src/crypto.ts: testCryptoProvider 'should encrypt and
	// decrypt aes-ige' (same values)
	{
		name:       "mtcute aes-ige (AES-256 key \"This is an impleThis is an imple\", iv \"mentation of IGE mode for OpenSS\")",
		key:        "5468697320697320616e20696d706c655468697320697320616e20696d706c65",
		iv:         "6d656e746174696f6e206f6620494745206d6f646520666f72204f70656e5353",
		plaintext:  "99706487a1cde613bc6de0b6f24b1c7aa448c8b9c3403e3467a8cad89340f53b",
		ciphertext: "792ea8ae577b1a66cb3bd92679b8030ca54ee631976bd3a04547fdcb4639fa69",
	},
	// Source: https://core.telegram.org/mtproto/samples-auth_key, snapshot
	// github.com/MarshalX/telegram-crawler @
	// 130dde83966a265ebbed6837fae51f34a07069a4,
	// data/web/core.telegram.org/mtproto/samples-auth_key.html
	{
		name:       "core.telegram.org samples-auth_key (current page): encrypted_answer -> answer_with_hash",
		key:        "5ea702f743e850f5546e857f08b7d5337bbaedf9b61248751594851be2e8c297",
		iv:         "1cef8e372a63d97ebfa805c0dbb018bc7c1e0931693fbcb1a1afc0c0a8bbc849",
		plaintext:  "60026275cc91ddec5371c67b10331c4c1d362585ba0d89b5406709f612fadfbec3f0289d0aa67eefe11dbc3bc97d91a26154f932af01994303000000fe000100c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5bfe0001000a77200bdff6e6c4c126a2c41df310ab3a3bdbd698cd480749e1f3c64fb1cfc9dfc70ac6f1aa671019620a640055b2cf7d7d99cc86533645c0fa000954de2987bad68d7450cf134c9f0305f34c1bb285da8233f65970a01c4bd3afd5ea3cd5864b8f1dcb35d5e9737df15063c54cf53048ef519a280498dddaf23764f29ffb0c5813caad90c319be8592b78c4be815e65ada7c62ea23754b5a2c5a86c4721872d0cc48e0f895c3ebe186e81e5f0e88a6b3f09101c409af3410b64238fbf2a2095e3f3b7ffc7eb3a02a319b99a155647bc59958bcdfed8a1cc6eb7f13f8600e521d9d0247b0f639f2fa3b09f72987781f71c0e8aa950167de5092380b4853e7f1513dc565c26f8049523e89d2",
		ciphertext: "6ad7dd5d8b2526c761abe50e93c82a6f331b1eae0ad011893da976e3771d4aa45209d234fea65642985386b817bf8980f517f6d32dbeb47e34534556f950ddf960db721a48480231619161112682c6046d5629c71cd1ec8061dfcdd704703ec7a8aebdcbd159579fc8886d9fa51e009af49b5ab90c7628eb81c9788a2eb6ac0e757a7debe3d949f80a990bedb4d2dbae43f00328b82f4d8fc83a9b9cfeef467e1593bb4579ee32412f167a780cfa517650bd0eb51cbfb50e3afe978839466131fcd956711e63614f006a55ed35ed2b1f833c29f4fd7a84f0c8f1c10dfc1a1aaf9a8a57108decf206e3968406f0fb25e922df154f497b51527e4834202fab477a137d0a99d1c347196fba10699f52ea56f01ef93829b310a5c97db95fd57e64417e526eb920d261157c6e38791bdd5389eeb744e075d952db33a8151207d0ab3c629e30a723a5205f8fa18398937ed2714a4e76a5f4512508a4be1b4d6ae46fd156c6f06347af5e07ce49279195133b07cce4bc6775d88f3611180d23c4c70946619ad759ab9f183a385ccf9bf19315fadbe8a4fdc748af52df930345909c870de4b48901e9f90e56d74ca534d8e1fe3a35a92a18d676958eb8fc3d82f9cee308df2a9e4ccd23ff89ea255b9eedbc3378148879666ffc2e19a431cbb57ae1a010ffe5cb39abf131add9e90bf969a112c435509b78960e0b20031c822190841561e8390446227660bbaccf3d53574bfba33bf476e3bdc9eb680aa2a17fd6756f652725ed0313e5eb0fd6a9c8c949eefbe809a89311bf20f40055ca25fd169dc13ee14b315092fde4184638d849682fd862",
	},
}

// igeClientDHInnerData is the encryption of client_DH_inner_data in the
// current official sample: plaintext = SHA1(data) + data + padding.
// Source: https://core.telegram.org/mtproto/samples-auth_key, snapshot
// github.com/MarshalX/telegram-crawler @
// 130dde83966a265ebbed6837fae51f34a07069a4,
// data/web/core.telegram.org/mtproto/samples-auth_key.html
var igeClientDHInnerData = struct{ key, iv, data, padding, ciphertext string }{
	key:        "5ea702f743e850f5546e857f08b7d5337bbaedf9b61248751594851be2e8c297",
	iv:         "1cef8e372a63d97ebfa805c0dbb018bc7c1e0931693fbcb1a1afc0c0a8bbc849",
	data:       "54b64366406709f612fadfbec3f0289d0aa67eefe11dbc3bc97d91a26154f932af0199430000000000000000fe000100a215d057bc6648453d68c2f418a38d9d4f4fa47e5d520ac7ebc2adc3b00075090c10a1e9d96a5dda127317f2ddc165c5f6c8c2854648c106d0d9df684dae70b0e6021658806245b494b762b1979e8bd597b5cc8e43a80f96ca47fb0765c98d40529f3d94c82113ae32c603aa24411ef8b330565a1d66ea6b89c9d4f8affeea397c4b247564215d147b6ad0df7f3fb4499e89e34304531d87448b91967b5bd53093f09386c0f78940c1dd6aa7c8667e15857453e6aad275f94cd386468cf49108fb7c54282596a4d0314dce9efed4066a6e072471439aeaaa74157db7dd53f01982982534dee8740610ba433bf459b3dfe38674561f31991ce007ba112dda6718",
	padding:    "74876952857ba6aaa495a20d",
	ciphertext: "14d185e575255986c29be3a0437d525ba22430cba0cd755225945ad3a1acefb536518514f5086892e6e3fa84d1cbb644bc8f7bebcde74e31ba8a073f47623ebb6e7d94b3a676a4c1afd4689c52d05f73d21c33f64fe6aeabd04273d9117cd064e467e1f8e6c887bcae4679e0399ad35db1302a80629618f8c8485248d89a4e3568b464ff7b608cbe24b51eeb81b65d76224b62a1669eaa48a99c122e5e8a778e13dd441dc52175160088a498f186a2b99c736fe8c5c3e274d804c629564a0f15ddabc5b449356a7990900652a7432afb1499c7ce09246f6b29006425df2926465b04f17c0077b6a336a50e46b675ad5607f05818f84eadec1f4847bf311027e742f8b1e183c01810c4ce964f2a0f36e257849c144c9b0b93b4a7a9e57391db0ccb0d757a2b7a77257c8ff55553d66b6e1d45e9d8ca88e5a47b16322ff2ed5f5abe099e7006b2d29c829d746b704130b1",
}

// igeOldAnswer is encrypted_answer of the older official sample. The page
// prints only answer, which is plaintext[20:20+len(answer)].
// Source: https://core.telegram.org/mtproto/samples-auth_key (older revision
// of the page, req_pq + p_q_inner_data + old RSA), snapshot
// github.com/MarshalX/telegram-crawler @
// 0740c2c1172757014ed06f0a328d405eba9a2505,
// data/core.telegram.org/mtproto/samples-auth_key.html
// Also: github.com/gotd/td @ d0d567ee95e61e991eb4075eeb75b16ddc973801,
// crypto/temp_keys_test.go: TestTempAESKeys
var igeOldAnswer = struct{ key, iv, ciphertext, answer string }{
	key:        "f011280887c7bb01df0fc4e17830e0b91fbb8be4b2267cb985ae25f33b527253",
	iv:         "3212d579ee35452ed23e0d0c92841aa7d31b2e9bdef2151e80d15860311c85db",
	ciphertext: "28a92fe20173b347a8bb324b5fab2667c9a8bbce6468d5b509a4cbddc186240ac912cf7006af8926de606a2e74c0493caa57741e6c82451f54d3e068f5ccc49b4444124b9666ffb405aab564a3d01e67f6e912867c8d20d9882707dc330b17b4e0dd57cb53bfaafa9ef5be76ae6c1b9b6c51e2d6502a47c883095c46c81e3be25f62427b585488bb3bf239213bf48eb8fe34c9a026cc8413934043974db03556633038392cecb51f94824e140b98637730a4be79a8f9dafa39bae81e1095849ea4c83467c92a3a17d997817c8a7ac61c3ff414da37b7d66e949c0aec858f048224210fcc61f11c3a910b431ccbd104cccc8dc6d29d4a5d133be639a4c32bbff153e63aca3ac52f2e4709b8ae01844b142c1ee89d075d64f69a399feb04e656fe3675a6f8f412078f3d0b58da15311c1a9f8e53b3cd6bb5572c294904b726d0be337e2e21977da26dd6e33270251c2ca29dfcc70227f0755f84cfda9ac4b8dd5f84f1d1eb36ba45cddc70444d8c213e4bd8f63b8ab95a2d0b4180dc91283dc063acfb92d6a4e407cde7c8c69689f77a007441d4a6a8384b666502d9b77fc68b5b43cc607e60a146223e110fcb43bc3c942ef981930cdc4a1d310c0b64d5e55d308d863251ab90502c3e46cc599e886a927cda963b9eb16ce62603b68529ee98f9f5206419e03fb458ec4bd9454aa8f6ba777573cc54b328895b1df25ead9fb4cd5198ee022b2b81f388d281d5e5bc580107ca01a50665c32b552715f335fd76264fad00ddd5ae45b94832ac79ce7c511d194bc42b70efa850bb15c2012c5215cabfe97ce66b8d8734d0ee759a638af013",
	answer:     "ba0d89b53e0549828cca27e966b301a48fece2fca5cf4d33f4a11ea877ba4aa57390733002000000fe000100c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f642477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5bfe000100262aaba621cc4df587dc94cf8252258c0b9337dfb47545a49cdd5c9b8eae7236c6cadc40b24e88590f1cc2cc762ebf1cf11dcc0b393caad6cee4ee5848001c73acbb1d127e4cb93072aa3d1c8151b6fb6aa6124b7cd782eaf981bdcfce9d7a00e423bd9d194e8af78ef6501f415522e44522281c79d906ddb79c72e9c63d83fb2a940ff779dfb5f2fd786fb4ad71c9f08cf48758e534e9815f634f1e3a80a5e1c2af210c5ab762755ad4b2126dfa61a77fa9da967d65dfd0afb5cdf26c4d4e1a88b180f4e0d0b45ba1484f95cb2712b50bf3f5968d9d55c99c0fb9fb67bff56d7d4481b634514fba3488c4cda2fc0659990e8e868b28632875a9aa703bcdce8fcb7ae551",
}

// igeTDLibCases give only the CRC32 (IEEE) of the AES-256-IGE ciphertext of
// generated input; tdlibIGEInput reproduces the generator.
// Source: github.com/tdlib/td @ 022d60202e446ad1287b9fb68e687c8a0760788b,
// tdutils/test/crypto.cpp: TEST(Crypto, AesIgeState)
var igeTDLibCases = []struct {
	length int
	crc32  uint32
}{
	{0, 0},
	{16, 2045698207},
	{32, 2423540300},
	{256, 525522475},
	{1024, 1545267325},
	{65536, 724143417},
}
