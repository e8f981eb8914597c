package fileid

// Known-answer vectors transcribed from the shared file_id.json (the test
// suites of gotd/td, mtcute and Pyrogram); each case names the suite, commit
// and file it was published in. Nothing here is read from ../shared at test
// time.

// A decodedCase is a file_id with the fields it must decode to.
type decodedCase struct {
	source string
	name   string
	fileID string
	want   FileID
}

var decodedCases = []decodedCase{
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "Sticker", "CAACAgIAAxkBAAM6YZlDEHCmaTKrUhCIjxAPtPtjVx4AAicAA4dXjx6dGLyHwXVNcCIE", FileID{Type: Sticker, DC: 2, ID: 2202074980139663399, AccessHash: 8092253579521038493, FileReference: unhex("010000003a6199431070a66932ab5210888f100fb4fb63571e")}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "AnimatedSticker", "CAACAgIAAxkBAANCYZzsGL3c2jB4BE46_bD9-aaYH10AApEOAAJZQylKSstCqeiyJ5giBA", FileID{Type: Sticker, DC: 2, ID: 5343876482382958225, AccessHash: -7482815543510906038, FileReference: unhex("0100000042619cec18bddcda3078044e3afdb0fdf9a6981f5d")}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "GIF", "CgACAgIAAxkBAAM7YZqVjhoGXOIk6qgVu7xd0QvyRVEAArQQAAK7XrBIi5xgKHPRFpQiBA", FileID{Type: Animation, DC: 2, ID: 5237790523883786420, AccessHash: -7775797414079718261, FileReference: unhex("010000003b619a958e1a065ce224eaa815bbbc5dd10bf24551")}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "GIFThumbnail", "AAMCAgADGQEAAzthmpWOGgZc4iTqqBW7vF3RC_JFUQACtBAAArtesEiLnGAoc9EWlAEAB20AAyIE", FileID{Type: Thumbnail, DC: 2, ID: 5237790523883786420, AccessHash: -7775797414079718261, FileReference: unhex("010000003b619a958e1a065ce224eaa815bbbc5dd10bf24551"), PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Thumbnail, ThumbnailType: 'm'}}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "Photo", "AgACAgIAAxkBAAM9YZqXG-B0WHEv7lFlQxOQDs6jrGQAAoa7MRvdfNlIhJa73cDxR0kBAAMCAAN4AAMiBA", FileID{Type: Photo, DC: 2, ID: 5249364129762884486, AccessHash: 5280454898771269252, FileReference: unhex("010000003d619a971be07458712fee51654313900ecea3ac64"), PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Photo, ThumbnailType: 'x'}}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "Video", "BAACAgIAAxkBAANAYZzjSkCVY7Ttrp2l92eCQzYYxVEAAkoRAAJIYKFIRionwJTz4kIiBA", FileID{Type: Video, DC: 2, ID: 5233570104335143242, AccessHash: 4819682371444353606, FileReference: unhex("0100000040619ce34a409563b4edae9da5f76782433618c551")}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "VideoThumbnail", "AAMCAgADGQEAA0BhnONKQJVjtO2unaX3Z4JDNhjFUQACShEAAkhgoUhGKifAlPPiQgEAB20AAyIE", FileID{Type: Thumbnail, DC: 2, ID: 5233570104335143242, AccessHash: 4819682371444353606, FileReference: unhex("0100000040619ce34a409563b4edae9da5f76782433618c551"), PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Thumbnail, ThumbnailType: 'm'}}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "ChatPhoto", "AQADAgAD7a8xG75QcEkACAMAA2jAIuIW____cd7THMWjNdIiBA", FileID{Type: ProfilePhoto, DC: 2, ID: 5291818339590582253, AccessHash: 0, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoBig, DialogID: -1001228418968, DialogAccessHash: -3299551084991488399}}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "Voice", "AwACAgIAAxkBAANDYZzsXw55-6fljCSeQXEP3dX5_egAAlkSAAJStulIAYO3JdIypKQiBA", FileID{Type: Voice, DC: 2, ID: 5253930903607972441, AccessHash: -6583080877151517951, FileReference: unhex("0100000043619cec5f0e79fba7e58c249e41710fddd5f9fde8")}},
	// gotd/td@d0d567ee fileid/decode_test.go, testData / wantData.
	{"gotd", "Audio", "CQACAgIAAxkBAANEYZzt3rDAw5CkHSU8RZA8AzTTsyMAAvACAAKoAAF4SjhQUd8y3lIoIgQ", FileID{Type: Audio, DC: 2, ID: 5366039677566452464, AccessHash: 2905629019683770424, FileReference: unhex("0100000044619ceddeb0c0c390a41d253c45903c0334d3b323")}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 0", "CAACAgIAAxkBAAEJny9gituz1_V_uSKBUuG_nhtzEtFOeQACXFoAAuCjggfYjw_KAAGSnkgfBA", FileID{Type: Sticker, DC: 2, ID: 541175087705905756, AccessHash: 5232780349138767832, FileReference: unhex("0100099f2f608adbb3d7f57fb9228152e1bf9e1b7312d14e79")}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 1", "BQACAgIAAxkBAAEJnzNgit00IDsKd07OdSeanwz8osecYAACdAwAAueoWEicaPvNdOYEwB8E", FileID{Type: Document, DC: 2, ID: 5213102278772264052, AccessHash: -4610306729174144868, FileReference: unhex("0100099f33608add34203b0a774ece75279a9f0cfca2c79c60")}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 2", "AAMCAgADGQEAAQmfL2CK27PX9X-5IoFS4b-eG3MS0U55AAJcWgAC4KOCB9iPD8oAAZKeSK1c8w4ABAEAB20AA1kCAAIfBA", FileID{Type: Thumbnail, DC: 2, ID: 541175087705905756, AccessHash: 5232780349138767832, FileReference: unhex("0100099f2f608adbb3d7f57fb9228152e1bf9e1b7312d14e79"), PhotoSizeSource: PhotoSizeSource{Type: SourceThumbnail, FileType: Thumbnail, ThumbnailType: 'm'}}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 3", "AQADAgATqfDdly4AAwMAA4siCOX_____AAhKowIAAR4E", FileID{Type: ProfilePhoto, DC: 2, ID: 0, AccessHash: 0, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoBigLegacy, DialogID: -452451701, DialogAccessHash: 0, VolumeID: 200116400297, LocalID: 172874}}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 4", "AQADAgATqfDdly4AAwIAA4siCOX_____AAhIowIAAR4E", FileID{Type: ProfilePhoto, DC: 2, ID: 0, AccessHash: 0, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoSmallLegacy, DialogID: -452451701, DialogAccessHash: 0, VolumeID: 200116400297, LocalID: 172872}}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 5", "AQADAgATySHBDgAEAwAD0npI3Bb___-wfxjpg7QCPf8pBQABHwQ", FileID{Type: ProfilePhoto, DC: 2, ID: 0, AccessHash: 0, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoBigLegacy, DialogID: -1001326609710, DialogAccessHash: 4396274664911437744, VolumeID: 247538121, LocalID: 338431}}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 6", "AQADAgATySHBDgAEAgAD0npI3Bb___-wfxjpg7QCPf0pBQABHwQ", FileID{Type: ProfilePhoto, DC: 2, ID: 0, AccessHash: 0, PhotoSizeSource: PhotoSizeSource{Type: SourceDialogPhotoSmallLegacy, DialogID: -1001326609710, DialogAccessHash: 4396274664911437744, VolumeID: 247538121, LocalID: 338429}}},
	// mtcute@42538c29 packages/file-id/src/parse.test.ts (file ids partly from github.com/luckydonald/telegram_file_id).
	{"mtcute", "parse 7", "CAADAQADegAD997LEUiQZafDlhIeAg", FileID{Type: Sticker, DC: 1, ID: 1282363671355326586, AccessHash: 2166960137789870152}},
	// pyrogram@30de1e21 tests/test_file_id.py, test_stringify_file_id / test_stringify_file_unique_id.
	{"pyrogram", "stringify", "BQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E", FileID{Type: Document, DC: 2, ID: 5312458109417947140, AccessHash: 6437869729085068477, FileReference: unhex("0200a0afd00000098f5fb6f85316e33681443bf2f4238b3ac2b5cd240f"), Version: 4, SubVersion: 30}},
}

// A uniqueCase is a file_unique_id with the fields it must decode to.
type uniqueCase struct {
	source   string
	uniqueID string
	want     UniqueID
}

var uniqueCases = []uniqueCase{
	// mtcute@42538c29 packages/file-id/src/parse-unique.test.ts.
	{"mtcute", "AgADegAD997LEQ", UniqueID{Type: UniqueDocument, ID: 1282363671355326586}},
	// mtcute@42538c29 packages/file-id/src/parse-unique.test.ts.
	{"mtcute", "AgADdAwAAueoWEg", UniqueID{Type: UniqueDocument, ID: 5213102278772264052}},
	// mtcute@42538c29 packages/file-id/src/parse-unique.test.ts.
	{"mtcute", "AgADXFoAAuCjggc", UniqueID{Type: UniqueDocument, ID: 541175087705905756}},
	// mtcute@42538c29 packages/file-id/src/parse-unique.test.ts.
	{"mtcute", "AQADdAwAAueoWEhy", UniqueID{Type: UniquePhoto, Form: FormSize, ID: 5213102278772264052, Size: 114}},
	// mtcute@42538c29 packages/file-id/src/parse-unique.test.ts.
	{"mtcute", "AQADySHBDgAE_ykFAAE", UniqueID{Type: UniquePhoto, Form: FormVolume, VolumeID: 247538121, LocalID: 338431}},
	// mtcute@42538c29 packages/file-id/src/parse-unique.test.ts.
	{"mtcute", "AQADySHBDgAE_SkFAAE", UniqueID{Type: UniquePhoto, Form: FormVolume, VolumeID: 247538121, LocalID: 338429}},
	// pyrogram@30de1e21 tests/test_file_id.py, test_stringify_file_id / test_stringify_file_unique_id.
	{"pyrogram", "AgADBAADgaS5SQ", UniqueID{Type: UniqueDocument, ID: 5312458109417947140}},
}

// toUniqueCases pair a file_id with the file_unique_id derived from it.
var toUniqueCases = []struct {
	source, fileID, uniqueID string
}{
	{"mtcute@42538c29 packages/file-id/src/serialize-unique.test.ts", "CAADAQADegAD997LEUiQZafDlhIeAg", "AgADegAD997LEQ"},
	{"mtcute@42538c29 packages/file-id/src/serialize-unique.test.ts", "CAACAgEAAx0CVgtngQACAuFfU1GY9wiRG7A7jlIBbP2yvAostAACegAD997LEUiQZafDlhIeGwQ", "AgADegAD997LEQ"},
	{"mtcute@42538c29 packages/file-id/src/serialize-unique.test.ts", "BQACAgIAAxkBAAEJnzNgit00IDsKd07OdSeanwz8osecYAACdAwAAueoWEicaPvNdOYEwB8E", "AgADdAwAAueoWEg"},
	{"mtcute@42538c29 packages/file-id/src/serialize-unique.test.ts", "AAMCAgADGQEAAQmfM2CK3TQgOwp3Ts51J5qfDPyix5xgAAJ0DAAC56hYSJxo-8105gTAT_bYoy4AAwEAB20AA0JBAAIfBA", "AQADdAwAAueoWEhy"},
	{"mtcute@42538c29 packages/file-id/src/serialize-unique.test.ts", "CAACAgIAAxkBAAEJny9gituz1_V_uSKBUuG_nhtzEtFOeQACXFoAAuCjggfYjw_KAAGSnkgfBA", "AgADXFoAAuCjggc"},
	{"mtcute@42538c29 packages/file-id/src/serialize-unique.test.ts", "AQADAgATySHBDgAEAwAD0npI3Bb___-wfxjpg7QCPf8pBQABHwQ", "AQADySHBDgAE_ykFAAE"},
	{"mtcute@42538c29 packages/file-id/src/serialize-unique.test.ts", "AQADAgATySHBDgAEAgAD0npI3Bb___-wfxjpg7QCPf0pBQABHwQ", "AQADySHBDgAE_SkFAAE"},
	{"pyrogram@30de1e21 tests/test_file_id.py test_stringify_file_id / test_stringify_file_unique_id", "BQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E", "AgADBAADgaS5SQ"},
}

// RLE vectors: zero-run encoding and decoding.
var rleEncodeCases = []struct{ source, in, out string }{
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts encode", "aaeeff", "aaeeff"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts encode", "00000000aa", "0004aa"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts encode", "00000000aa000000aa", "0004aa0003aa"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts encode", "00000000aa0000", "0004aa0002"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts encode", "00aa00", "0001aa0001"},
}

var rleDecodeCases = []struct{ source, in, out string }{
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts decode", "aaeeff", "aaeeff"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts decode", "0004aa", "00000000aa"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts decode", "0004aa0000", "00000000aa"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts decode", "0004aa0003aa", "00000000aa000000aa"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts decode", "0004aa0002", "00000000aa0000"},
	{"mtcute@42538c29 packages/file-id/src/utils.test.ts decode", "0001aa0001", "00aa00"},
	// gotd/td@d0d567ee fileid/rle_test.go, Test_rleDecode: the base64url-decoded Sticker file id, version bytes included.
	{"gotd Test_rleDecode", b64hex("CAACAgIAAxkBAAM6YZlDEHCmaTKrUhCIjxAPtPtjVx4AAicAA4dXjx6dGLyHwXVNcCIE"), "080000020200000019010000003a6199431070a66932ab5210888f100fb4fb63571e00002700000087578f1e9d18bc87c1754d702204"},
}

// Pyrogram's check() and check_unique() cases: the id decodes to the type
// and re-encodes to the same string.
var pyrogramCases = []struct {
	name, id string
	typ      Type
}{
	{"audio", "CQACAgIAAx0CAAGgr9AAAgmQX7b4XPBstC1fFUuJBooHTHFd7HMAAgUAA4GkuUnVOGG5P196yR4E", Audio},                                       // pyrogram@30de1e21 tests/test_file_id.py
	{"audio_thumb", "AAMCAgADHQIAAaCv0AACCZBftvhc8Gy0LV8VS4kGigdMcV3scwACBQADgaS5SdU4Ybk_X3rJIH3qihAAAwEAB20AA_OeAQABHgQ", Thumbnail},      // pyrogram@30de1e21 tests/test_file_id.py
	{"video", "BAACAgIAAx0CAAGgr9AAAgmRX7b4Xv9f-4BK5VR_5ppIOF6UIp0AAgYAA4GkuUmhnZz2xC37wR4E", Video},                                       // pyrogram@30de1e21 tests/test_file_id.py
	{"video_thumb", "AAMCAgADHQIAAaCv0AACCZFftvhe_1_7gErlVH_mmkg4XpQinQACBgADgaS5SaGdnPbELfvBIH3qihAAAwEAB20AA_WeAQABHgQ", Thumbnail},      // pyrogram@30de1e21 tests/test_file_id.py
	{"document", "BQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E", Document},                                 // pyrogram@30de1e21 tests/test_file_id.py
	{"document_thumb", "AAMCAgADHQIAAaCv0AACCY9ftvhTFuM2gUQ78vQjizrCtc0kDwACBAADgaS5Sb0UW8ho6FdZIH3qihAAAwEAB3MAA_GeAQABHgQ", Thumbnail},   // pyrogram@30de1e21 tests/test_file_id.py
	{"animation", "CgACAgIAAx0CAAGgr9AAAgmSX7b4Y2g8_QW2XFd49iUmRnHOyG8AAgcAA4GkuUnry9gWDzF_5R4E", Animation},                               // pyrogram@30de1e21 tests/test_file_id.py
	{"voice", "AwACAgIAAx0CAAGgr9AAAgmUX7b4c1KQyHVwzffxC2EnSYWsMAQAAgkAA4GkuUlsZUZ4_I97AR4E", Voice},                                       // pyrogram@30de1e21 tests/test_file_id.py
	{"video_note", "DQACAgIAAx0CAAGgr9AAAgmVX7b53qrRzCEO13BaLQJaYuFbdlwAAgoAA4GkuUmlqIzDy_PCsx4E", VideoNote},                              // pyrogram@30de1e21 tests/test_file_id.py
	{"video_note_thumb", "AAMCAgADHQIAAaCv0AACCZVftvneqtHMIQ7XcFotAlpi4Vt2XAACCgADgaS5SaWojMPL88KzIH3qihAAAwEAB20AA_meAQABHgQ", Thumbnail}, // pyrogram@30de1e21 tests/test_file_id.py
	{"sticker", "CAACAgEAAx0CAAGgr9AAAgmWX7b6uFeLlhXEgYrM8pIbGaQKRQ0AAswBAALjeAQAAbeooNv_tb6-HgQ", Sticker},                                // pyrogram@30de1e21 tests/test_file_id.py
	{"sticker_thumb", "AAMCAQADHQIAAaCv0AACCZZftvq4V4uWFcSBiszykhsZpApFDQACzAEAAuN4BAABt6ig2_-1vr5gWNkpAAQBAAdtAAM0BQACHgQ", Thumbnail},    // pyrogram@30de1e21 tests/test_file_id.py
	{"photo_small", "AgACAgIAAx0CAAGgr9AAAgmZX7b7IPLRl8NcV3EJkzHwI1gwT-oAAq2nMRuBpLlJPJY-URZfhTkgfeqKEAADAQADAgADbQADAZ8BAAEeBA", Photo},   // pyrogram@30de1e21 tests/test_file_id.py
	{"photo_medium", "AgACAgIAAx0CAAGgr9AAAgmZX7b7IPLRl8NcV3EJkzHwI1gwT-oAAq2nMRuBpLlJPJY-URZfhTkgfeqKEAADAQADAgADeAADAp8BAAEeBA", Photo},  // pyrogram@30de1e21 tests/test_file_id.py
	{"photo_big", "AgACAgIAAx0CAAGgr9AAAgmZX7b7IPLRl8NcV3EJkzHwI1gwT-oAAq2nMRuBpLlJPJY-URZfhTkgfeqKEAADAQADAgADeQAD_54BAAEeBA", Photo},     // pyrogram@30de1e21 tests/test_file_id.py
	{"user_photo_small", "AQADAgADrKcxGylBBQAJIH3qihAAAwIAAylBBQAF7bDHYwABnc983KcAAh4E", ProfilePhoto},                                     // pyrogram@30de1e21 tests/test_file_id.py
	{"user_photo_big", "AQADAgADrKcxGylBBQAJIH3qihAAAwMAAylBBQAF7bDHYwABnc983qcAAh4E", ProfilePhoto},                                       // pyrogram@30de1e21 tests/test_file_id.py
	{"chat_photo_small", "AQADAgATIH3qihAAAwIAA3t3-P______AAjhngEAAR4E", ProfilePhoto},                                                     // pyrogram@30de1e21 tests/test_file_id.py
	{"chat_photo_big", "AQADAgATIH3qihAAAwMAA3t3-P______AAjjngEAAR4E", ProfilePhoto},                                                       // pyrogram@30de1e21 tests/test_file_id.py
	{"channel_photo_small", "AQADAgATIH3qihAAAwIAA-fFwCoX____MvARg8nvpc3RpwACHgQ", ProfilePhoto},                                           // pyrogram@30de1e21 tests/test_file_id.py
	{"channel_photo_big", "AQADAgATIH3qihAAAwMAA-fFwCoX____MvARg8nvpc3TpwACHgQ", ProfilePhoto},                                             // pyrogram@30de1e21 tests/test_file_id.py
	{"old", "BQADBAADQNKSZqjl5DcROGn_eu5JtgAEAgAEAg", Document},                                                                            // pyrogram@30de1e21 tests/test_file_id.py
	{"old", "BQADBAADQNKSZqjl5DcROGn_eu5JtgAEAgAEAg", Document},                                                                            // pyrogram@30de1e21 tests/test_file_id.py
}

var pyrogramUniqueCases = []struct {
	name, id string
	typ      UniqueType
}{
	{"audio_unique", "AgADBQADgaS5SQ", UniqueDocument},                 // pyrogram@30de1e21 tests/test_file_id.py
	{"audio_thumb_unique", "AQADIH3qihAAA_OeAQAB", UniquePhoto},        // pyrogram@30de1e21 tests/test_file_id.py
	{"video_unique", "AgADBgADgaS5SQ", UniqueDocument},                 // pyrogram@30de1e21 tests/test_file_id.py
	{"video_thumb_unique", "AQADIH3qihAAA_WeAQAB", UniquePhoto},        // pyrogram@30de1e21 tests/test_file_id.py
	{"document_unique", "AgADBAADgaS5SQ", UniqueDocument},              // pyrogram@30de1e21 tests/test_file_id.py
	{"document_thumb_unique", "AQADIH3qihAAA_GeAQAB", UniquePhoto},     // pyrogram@30de1e21 tests/test_file_id.py
	{"animation_unique", "AgADBwADgaS5SQ", UniqueDocument},             // pyrogram@30de1e21 tests/test_file_id.py
	{"voice_unique", "AgADCQADgaS5SQ", UniqueDocument},                 // pyrogram@30de1e21 tests/test_file_id.py
	{"video_note_unique", "AgADCgADgaS5SQ", UniqueDocument},            // pyrogram@30de1e21 tests/test_file_id.py
	{"video_note_thumb_unique", "AQADIH3qihAAA_meAQAB", UniquePhoto},   // pyrogram@30de1e21 tests/test_file_id.py
	{"sticker_unique", "AgADzAEAAuN4BAAB", UniqueDocument},             // pyrogram@30de1e21 tests/test_file_id.py
	{"sticker_thumb_unique", "AQADYFjZKQAENAUAAg", UniquePhoto},        // pyrogram@30de1e21 tests/test_file_id.py
	{"photo_small_unique", "AQADIH3qihAAAwGfAQAB", UniquePhoto},        // pyrogram@30de1e21 tests/test_file_id.py
	{"photo_medium_unique", "AQADIH3qihAAAwKfAQAB", UniquePhoto},       // pyrogram@30de1e21 tests/test_file_id.py
	{"photo_big_unique", "AQADIH3qihAAA_-eAQAB", UniquePhoto},          // pyrogram@30de1e21 tests/test_file_id.py
	{"user_photo_small_unique", "AQADIH3qihAAA9ynAAI", UniquePhoto},    // pyrogram@30de1e21 tests/test_file_id.py
	{"user_photo_big_unique", "AQADIH3qihAAA96nAAI", UniquePhoto},      // pyrogram@30de1e21 tests/test_file_id.py
	{"chat_photo_small_unique", "AQADIH3qihAAA-GeAQAB", UniquePhoto},   // pyrogram@30de1e21 tests/test_file_id.py
	{"chat_photo_big_unique", "AQADIH3qihAAA-OeAQAB", UniquePhoto},     // pyrogram@30de1e21 tests/test_file_id.py
	{"channel_photo_small_unique", "AQADIH3qihAAA9GnAAI", UniquePhoto}, // pyrogram@30de1e21 tests/test_file_id.py
	{"channel_photo_big_unique", "AQADIH3qihAAA9OnAAI", UniquePhoto},   // pyrogram@30de1e21 tests/test_file_id.py
}

// Pyrogram's test_unknown_file_type and test_unknown_thumbnail_source: both
// must fail. (file_id.json also lists the second string, under the name
// "unknown", as a Document and a Thumbnail round trip; that entry comes from
// the same test function, which expects the decoding to fail.)
var pyrogramFailCases = []struct {
	name, id string
	err      error
}{
	{"decode must fail: unknown file_type", "RQACAgIAAx0CAAGgr9AAAgmPX7b4UxbjNoFEO_L0I4s6wrXNJA8AAgQAA4GkuUm9FFvIaOhXWR4E", ErrType},                        // pyrogram@30de1e21 tests/test_file_id.py
	{"decode must fail: unknown thumbnail_source", "AAMCAgADHQIAAaCv0AACCY9ftvhTFuM2gUQ78vQjizrCtc0kDwACBAADgaS5Sb0UW8ho6FdZIH3qihAAA6QBAAIeBA", ErrSource}, // pyrogram@30de1e21 tests/test_file_id.py
}
