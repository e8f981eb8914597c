// Package interop runs gotd/td (github.com/gotd/td v0.93.0), an MTProto
// implementation nobody on this project wrote, against luagram:
//
//   - codec_test.go: gotd's codec on bytes luagram encoded, and back;
//   - gotd_sandbox_test.go: gotd's client against luagram's sandbox over
//     every transport both speak (obfuscated2 through a test MTProxy,
//     mtproxy_test.go);
//   - luagram_tgtest_test.go: luagram's dcs client against gotd's tgtest
//     server (tgtest_test.go);
//   - gotd_faults_test.go: gotd's client making 1,000 calls through dropped
//     connections and rotating salts;
//   - rpc_bench_test.go: round trips per second of both clients;
//   - files_bench_test.go: upload and download throughput of luagram's
//     client and gotd's uploader and downloader against one sandbox.
//
// gotd v0.93.0 has bugs the tests work around, each described where it is:
// temporary AES keys from nonces with a leading zero byte
// (gotdclient_test.go), padded intermediate padding (gotdpadded_test.go),
// and two races in tgtest (tgtest_test.go).
//
// It is a separate module so that gotd is never a dependency of luagram
// itself. `make interop` runs it; `make test` includes it.
package interop
