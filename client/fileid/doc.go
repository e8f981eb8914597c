// Package fileid encodes and decodes the file identifiers of the Telegram
// Bot API: file_id, which names a file together with everything needed to
// download or resend it, and file_unique_id, which names the file alone and is
// the same for every bot and user.
//
// A file_id is the URL-safe base64 (without padding) of a little-endian TL
// serialisation of TDLib's FullRemoteFileLocation, in which each run of zero
// bytes is replaced by a zero and the run's length. Two bytes follow the
// compressed body: TDLib's serialisation sub-version and the persistent id
// version, 4. Older ids end in version 2 instead and carry no sub-version.
// The first int of the body is the file type; bit 24 marks a web
// location and bit 25 a file reference. Photo-like files then name their size
// through a photo size source.
//
// A file_unique_id is compressed and encoded the same way, with no version
// bytes: a type class followed by the parts of the location that do not
// depend on who may access the file.
//
// The format follows TDLib (td/telegram/files/FileLocation.hpp,
// td/telegram/PhotoSizeSource.hpp and FileManager::from_persistent_id), which
// the Bot API server runs. The package performs no I/O and imports only the
// standard library; it describes the MTProto objects a file id stands for in
// plain fields (see Location and Input), leaving the construction of TL
// objects to its callers.
package fileid
