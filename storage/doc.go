// Package storage keeps an account's session: everything a client needs to
// resume without logging in again. That is, per DC, the auth keys, server
// salts and time offset; the home DC and the logged-in user; the update
// state; the settings in effect; a key-value store that lets Lua scripts
// keep data across reloads and restarts; secret chats; and the peer
// database of every user, chat and channel seen.
//
// The package uses only the standard library and defines plain types; the
// client maps its TL types onto them.
//
// # Use
//
//	s, err := storage.Open("account.session") // *InUseError if another process has it
//	...
//	s.Update(func(st *storage.State) error {
//		dc := st.DC(2)
//		dc.AuthKey = key
//		st.HomeDC = 2
//		return nil
//	})
//	s.Peers().Put(storage.Peer{Kind: storage.PeerUser, ID: 777, AccessHash: h, Usernames: []string{"durov"}})
//	s.KV().Set("myscript", "counter", []byte("42"))
//	err = s.Save() // durable from here on
//	...
//	err = s.Close() // saves
//
// A Store holds the whole session in memory and saves it to a Backend.
// *File is the embedded backend; the Backend interface lets a Redis or
// PostgreSQL backend serve a fleet of accounts later.
//
// # Session files
//
// One file per account, mode 0600, with a lock file next to it (path +
// ".lock") that a process holds with flock(2) and writes its pid into; a
// second opener gets *InUseError with that pid. The kernel releases the
// lock when the holder exits, even by kill -9; the lock file itself is
// never deleted, since deleting it would let two processes lock two
// different files of the same name.
// All integers are little-endian; CRC-32C (Castagnoli) protects every part.
//
//	header  [0:64]    slot 0
//	        [64:128]  slot 1
//	records [128:end] log of records
//
// A slot records one commit (see slot.encode):
//
//	magic "\x89LGS\r\n\x1a\n" | format version u32 | flags u32 (0) |
//	seq u64 | end u64 | base u64 | 20 zero bytes | CRC-32C of the 60 bytes before
//
// The valid slot with the higher seq is the current commit: the records
// from offset 128 up to end are the session; anything after end is an
// interrupted save and is ignored. Records up to base were written by the
// last full rewrite. The layout of the 128-byte header never changes
// between format versions.
//
// A record is
//
//	CRC-32C of the rest u32 | payload length n u32 | type u8 | payload [n]
//
// Types: 1 the whole State; 2 peers; 3 key-value operations; 4 secret chat
// operations. Payloads use unsigned varints, zig-zag signed varints and
// length-prefixed byte strings (see codec_records.go); records replayed in
// order rebuild the session, later ones replacing earlier ones.
//
// A save appends the records of what changed, fsyncs, writes the slot
// other than the current one with seq+1 and the new end, and fsyncs
// again. When the log past base has grown larger than the data before it
// (and than FileOptions.CompactMin), the save rewrites the file instead:
// both slots and all data into a temporary file in the same directory,
// fsync, rename over the session file, fsync the directory. Either way a
// crash at any point leaves the previous commit loadable.
//
// Damage is reported as *CorruptError with the offset: a record whose
// checksum fails, a file shorter than its commit, a field out of range.
// A damaged slot next to a good one (as a crash while writing a slot
// would leave) is survived by loading the good slot's commit and is
// reported by Store.Recovered. Files of an older format version are read
// and rewritten in the current one at the next save; newer ones are
// refused with *VersionError.
package storage
