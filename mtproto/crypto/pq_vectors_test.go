package crypto

// pqVectors are the pq pairs of the shared vectors that fit in a uint64.
// (GramJS's 77-digit case does not; it tests a generic factorizer.) tdlib
// writes its products as expressions, kept so here.
var pqVectors = []struct{ pq, p, q uint64 }{
	// Source: https://core.telegram.org/mtproto/samples-auth_key, snapshot
	// github.com/MarshalX/telegram-crawler @
	// 130dde83966a265ebbed6837fae51f34a07069a4,
	// data/web/core.telegram.org/mtproto/samples-auth_key.html
	{2694724800268887959, 1513098571, 1780931429},
	// Source: https://core.telegram.org/mtproto/samples-auth_key (older
	// revision: req_pq, p_q_inner_data, pre-RSA_PAD encryption), snapshot
	// github.com/MarshalX/telegram-crawler @
	// 0740c2c1172757014ed06f0a328d405eba9a2505,
	// data/core.telegram.org/mtproto/samples-auth_key.html
	// Also: github.com/gotd/td @ d0d567ee95e61e991eb4075eeb75b16ddc973801,
	// crypto/pq_test.go
	{1724114033281923457, 1229739323, 1402015859},
	// Source: github.com/gotd/td @ d0d567ee95e61e991eb4075eeb75b16ddc973801,
	// crypto/pq_test.go: TestDecomposePQ (vectors credited there to
	// sdidyk/mtproto math_test.go)
	{1724114033281923457, 1229739323, 1402015859},
	// Source: github.com/gotd/td @ d0d567ee95e61e991eb4075eeb75b16ddc973801,
	// crypto/pq_test.go: TestDecomposePQ (vectors credited there to
	// sdidyk/mtproto math_test.go)
	{378221, 613, 617},
	// Source: github.com/gotd/td @ d0d567ee95e61e991eb4075eeb75b16ddc973801,
	// crypto/pq_test.go: TestDecomposePQ (vectors credited there to
	// sdidyk/mtproto math_test.go)
	{15, 3, 5},
	// Source: github.com/Lonami/grammers @
	// fa7692e49f301f16dc671c2f305ac1a32cad1a8e, grammers-crypto/src/factorize.rs
	{1470626929934143021, 1206429347, 1218991343},
	// Source: github.com/Lonami/grammers @
	// fa7692e49f301f16dc671c2f305ac1a32cad1a8e, grammers-crypto/src/factorize.rs
	{2363612107535801713, 1518968219, 1556064227},
	// Source: github.com/Lonami/grammers @
	// fa7692e49f301f16dc671c2f305ac1a32cad1a8e, grammers-crypto/src/factorize.rs
	{2804275833720261793, 1555252417, 1803100129},
	// Source: github.com/LonamiWebs/Telethon @
	// f15af530fa4a3b18a2983f3dde36f0c3175ec27a, client/tests/factorize_test.py
	// (branch v2)
	{1470626929934143021, 1206429347, 1218991343},
	// Source: github.com/LonamiWebs/Telethon @
	// f15af530fa4a3b18a2983f3dde36f0c3175ec27a, client/tests/factorize_test.py
	// (branch v2)
	{2363612107535801713, 1518968219, 1556064227},
	// Source: github.com/LonamiWebs/Telethon @
	// f15af530fa4a3b18a2983f3dde36f0c3175ec27a, client/tests/factorize_test.py
	// (branch v2)
	{2000000000000000006, 2, 1000000000000000003},
	// Source: github.com/mtcute/mtcute @
	// 42538c29887949aa5799a9a199b30df2f9d59ef0,
	// packages/core/src/utils/crypto/factorization.test.ts
	{2090522174869285481, 1112973847, 1878321023},
	// Source: github.com/mtcute/mtcute @
	// 42538c29887949aa5799a9a199b30df2f9d59ef0,
	// packages/core/src/utils/crypto/factorization.test.ts
	{1470626929934143021, 1206429347, 1218991343},
	// Source: github.com/mtcute/mtcute @
	// 42538c29887949aa5799a9a199b30df2f9d59ef0,
	// packages/core/src/utils/crypto/factorization.test.ts
	{2804275833720261793, 1555252417, 1803100129},
	// Source: github.com/mtcute/mtcute @
	// 42538c29887949aa5799a9a199b30df2f9d59ef0, packages/test/src/crypto.ts:
	// testCryptoProvider: should decompose PQ
	{1724114033281923457, 1229739323, 1402015859},
	// Source: github.com/mtcute/mtcute @
	// 42538c29887949aa5799a9a199b30df2f9d59ef0, packages/test/src/crypto.ts:
	// testCryptoProvider: should decompose PQ
	{1512271926327123781, 1229741209, 1229748109},
	// Source: github.com/tdlib/td @ 022d60202e446ad1287b9fb68e687c8a0760788b,
	// tdutils/test/pq.cpp: TEST(CryptoPQ, hands)
	{179424611 * 179424673, 179424611, 179424673},
	// Source: github.com/tdlib/td @ 022d60202e446ad1287b9fb68e687c8a0760788b,
	// tdutils/test/pq.cpp: TEST(CryptoPQ, hands)
	{4294467311 * 4294467449, 4294467311, 4294467449},
}
