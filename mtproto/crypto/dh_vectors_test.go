package crypto

// dhSamples are the Diffie-Hellman halves of the two official auth key
// samples. Both use dh_prime = TelegramDHPrime(). The older page uses
// g = 2, which this prime does not allow (p mod 8 = 3, not 7).
var dhSamples = []struct {
	name                    string
	g                       int
	ga, b, gb, authKey      string
	newNonce, newNonceHash1 string
}{
	// Source: https://core.telegram.org/mtproto/samples-auth_key, snapshot
	// github.com/MarshalX/telegram-crawler @
	// 130dde83966a265ebbed6837fae51f34a07069a4,
	// data/web/core.telegram.org/mtproto/samples-auth_key.html
	{
		name:          "official_sample_current",
		g:             3,
		ga:            "0a77200bdff6e6c4c126a2c41df310ab3a3bdbd698cd480749e1f3c64fb1cfc9dfc70ac6f1aa671019620a640055b2cf7d7d99cc86533645c0fa000954de2987bad68d7450cf134c9f0305f34c1bb285da8233f65970a01c4bd3afd5ea3cd5864b8f1dcb35d5e9737df15063c54cf53048ef519a280498dddaf23764f29ffb0c5813caad90c319be8592b78c4be815e65ada7c62ea23754b5a2c5a86c4721872d0cc48e0f895c3ebe186e81e5f0e88a6b3f09101c409af3410b64238fbf2a2095e3f3b7ffc7eb3a02a319b99a155647bc59958bcdfed8a1cc6eb7f13f8600e521d9d0247b0f639f2fa3b09f72987781f71c0e8aa950167de5092380b4853e7f1",
		b:             "1376a5a6bf7a9f874b47028f3d5cff0689fd52f58949bb0ee9bacdbe81dd1ced07101844eb6f2ae19e61120b84799431f445785e33a18141399821479ae96786e0f4e9c5c6c9e46bf562c21c96b0f8f7438c8caba3dfcb3dd3b886c2a37b95ed804315335c0ddffeb3a278243d89f964278bc734d1087d6d4b554c1f78397a414f440e38ba9a4f1211b20ae835437762f81a45fdb035bb2220d939693084b39a3c7be2481309ab9ae378eab8bb3a15a69eba80bef683582e2218fa604e823eabd111553d31dbb46b9383a0d8eef615fff9cf266c970800aa28ac5e962d20351311a815ffa7562989ca6d6323bf2b5af40ef3f45021b7445664852d07b80172ce",
		gb:            "a215d057bc6648453d68c2f418a38d9d4f4fa47e5d520ac7ebc2adc3b00075090c10a1e9d96a5dda127317f2ddc165c5f6c8c2854648c106d0d9df684dae70b0e6021658806245b494b762b1979e8bd597b5cc8e43a80f96ca47fb0765c98d40529f3d94c82113ae32c603aa24411ef8b330565a1d66ea6b89c9d4f8affeea397c4b247564215d147b6ad0df7f3fb4499e89e34304531d87448b91967b5bd53093f09386c0f78940c1dd6aa7c8667e15857453e6aad275f94cd386468cf49108fb7c54282596a4d0314dce9efed4066a6e072471439aeaaa74157db7dd53f01982982534dee8740610ba433bf459b3dfe38674561f31991ce007ba112dda6718",
		authKey:       "aca2547baa3b4b3e6ad9129adee796042fc4acaaaba40dce7a1196640595829e2ba85c5e68e5d2b7b713b28720ccd0e65da3b80cd8a9282bde895755b924f4cbbced119dee057d3066d7095c25771a53d9ad6ec3464ee0e7fe1a4d9851f17b6cc7d6e636e0bdea7d66153cf37005835a528e65673c1f5adaa27465964ba89aa6fd045108b25b1dc9ab2d979864858c9eacbfa4a399cdbf2154d2cc6743c5caa40683343d80a36c7f1289dc5ac5ee585dea1e1cd296444ea6cd8f6c3564b2d355b310a3c02608eea5ec36d38e941bf811489ab7a24c069e44ff54714cb4a45eee2f310fddc0a1b08bd3dff8801e27c8508efd7ad51ef3c13ef1d9a02ee4601741",
		newNonce:      "a8bbc849512dac6c67b6efd9157d6ca7377a1776307d84265c6be9bdcf802ac1",
		newNonceHash1: "1142871352165e59e1124036b48b97d3",
	},
	// Source: https://core.telegram.org/mtproto/samples-auth_key (older
	// revision: req_pq, p_q_inner_data, pre-RSA_PAD encryption), snapshot
	// github.com/MarshalX/telegram-crawler @
	// 0740c2c1172757014ed06f0a328d405eba9a2505,
	// data/core.telegram.org/mtproto/samples-auth_key.html
	{
		name:          "official_sample_older",
		g:             2,
		ga:            "262aaba621cc4df587dc94cf8252258c0b9337dfb47545a49cdd5c9b8eae7236c6cadc40b24e88590f1cc2cc762ebf1cf11dcc0b393caad6cee4ee5848001c73acbb1d127e4cb93072aa3d1c8151b6fb6aa6124b7cd782eaf981bdcfce9d7a00e423bd9d194e8af78ef6501f415522e44522281c79d906ddb79c72e9c63d83fb2a940ff779dfb5f2fd786fb4ad71c9f08cf48758e534e9815f634f1e3a80a5e1c2af210c5ab762755ad4b2126dfa61a77fa9da967d65dfd0afb5cdf26c4d4e1a88b180f4e0d0b45ba1484f95cb2712b50bf3f5968d9d55c99c0fb9fb67bff56d7d4481b634514fba3488c4cda2fc0659990e8e868b28632875a9aa703bcdce8f",
		b:             "6f620afa575c9233eb4c014110a7bcaf49464f798a18a0981fea1e05e8da67d9681e0fd6df0edf0272ae3492451a84502f2efc0da18741a5fb80bd82296919a70faa6d07cbbbca2037ea7d3e327b61d585ed3373ee0553a91cbd29b01fa9a89d479ca53d57bde3a76fbd922a923a0a38b922c1d0701f53ff52d7ea9217080163a64901e766eb6a0f20bc391b64b9d1dd2cd13a7d0c946a3a7df8cec9e2236446f646c42cfe2b60a2a8d776e56c8d7519b08b88ed0970e10d12a8c9e355d765f2b7bbb7b4ca9360083435523cb0d57d2b106fd14f94b4eee79d8ac131ca56ad389c84fe279716f8124a543337fb9ea3d988ec5fa63d90a4ba3970e7a39e5c0de5",
		gb:            "73700e7bfc7aeec828eb8e0dcc04d09a0dd56a1b4b35f72f0b55fce7db7ebb72d7c33c5d4aa59e1c74d09b01ae536b318cfed436afdb15fe9eb4c70d7f0cb14e46dbbde9053a64304361eb358a9bb32e9d5c2843fe87248b89c3f066a7d5876d61657acc52b0d81cd683b2a0fa93e8adab20377877f3bc3369bbf57b10f5b589e65a9c27490f30a0c70ffcfd3453f5b379c1b9727a573cffdca8d23c721b135b92e529b1cdd2f7abd4f34dac4be1eeaf60993dde8ed45890e4f47c26f2c0b2e037bb502739c8824f2a99e2b1e7e416583417cc79a8807a4bdac6a5e9805d4f6186c37d66f6988c9f9c752896f3d34d25529263faf2670a09b2a59ce35264511f",
		authKey:       "ab96e207c631300986f30ef97df55e179e63c112675f0ce502ee76d74bbee6cbd1e95772818881e9f2ff54bd52c258787474f6a7bea61eabe49d1d01d55f64fc07bc31685716ec8fb46feacf9502e42cfd6b9f45a08e90aa5c2b5933ac767cbe1cd50d8e64f89727ca4a1a5d32c0db80a9fcdbddd4f8d5a1e774198f1a4299f927c484feec395f29647e43c3243986f93609e23538c21871df50e00070b3b6a8fa9bc15628e8b43ff977409a61ceec5a21cf7dfb5a4cc28f5257bc30cd8f2fb92fbf21e28924065f50e0bbd5e11a420300e2c136b80e9826c6c5609b5371b7850aa628323b6422f3a94f6dfde4c3dc1ea60f7e11ee63122b3f39cbd1a8430157",
		newNonce:      "311c85db234aa2640afc4a76a735cf5b1f0fd68bd17fa181e1229ad867cc024d",
		newNonceHash1: "ccebc0217266e1edec7fb0a0eed6c220",
	},
}

// pgChecks are small (p, g) pairs for the safe-prime and subgroup rules,
// without the 2048-bit size rule.
// Source: github.com/Lonami/grammers @
// fa7692e49f301f16dc671c2f305ac1a32cad1a8e,
// grammers-crypto/src/two_factor_auth.rs: tests::test_check_p_and_g
// Also: github.com/LonamiWebs/Telethon @
// f15af530fa4a3b18a2983f3dde36f0c3175ec27a,
// client/tests/two_factor_auth_test.py (branch v2): test_correct_pg /
// test_incorrect_pg / test_bad_g
var pgChecks = []struct {
	p, g int
	ok   bool
}{
	{23, 2, true},
	{47, 3, true},
	{11, 4, true},
	{11, 5, true},
	{179, 5, true},
	{383, 6, true},
	{479, 7, true},
	{383, 7, true},
	{503, 7, true},
	{4, 0, false},
	{13, 0, false},
	{11, 2, false},
	{13, 3, false},
	{13, 5, false},
	{13, 6, false},
	{13, 7, false},
}

// modp2048 is the 2048-bit MODP group prime of RFC 3526, section 3
// (https://www.rfc-editor.org/rfc/rfc3526#section-3): a safe prime with
// p mod 8 = 7, so g = 2 is allowed. It stands for a safe prime that the
// package does not know in advance.
const modp2048 = "" +
	"FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74" +
	"020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437" +
	"4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED" +
	"EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05" +
	"98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB" +
	"9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B" +
	"E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718" +
	"3995497CEA956AE515D2261898FA051015728E5A8AACAA68FFFFFFFFFFFFFFFF"

// unsafePrime2048 is a 2048-bit prime p whose (p-1)/2 is composite, made
// with crypto/rand.Prime for these tests.
const unsafePrime2048 = "" +
	"c8f5c638b37d8c83e3ca6d6726e4eca13713b237376d624ec57a981234d3adfc" +
	"c66768ef7e5926dce39b37f7350818422d39f4b4b315e69695a624edeec4c24a" +
	"e2fa7a923a62b6ec73fbd5306dec7c5c618b8cf42da7c8fcee90d3348ec6735f" +
	"dc6cfdec83dc9238dd0d778df980905b767c1d0e41548f60ee5f98b3a89f593f" +
	"72471056977a650c08eb529a54dfa0dc382887afc1e0cd1f6e2db4b2d98aeda9" +
	"08814d4b886909da35208070723f90639112bb773b07ddcc461ba759ad7fdd91" +
	"415fc3f5a28d752382d84a01c4395c25bbc837ece69174c6a63e5f4bacea89bf" +
	"ec55b5d82980182d3cd099185cb4605af692429eca6f8f39173b26d339e2f7d5"
