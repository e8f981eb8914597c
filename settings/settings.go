// Package settings is luagram's configuration: the MadelineProto settings
// tree (app_info, connection, connection_settings, authorization, logger,
// max_tries, flood_timeout, msg_array_limit, peer, requests, updates,
// secret_chats, serialization, files) with documented defaults. A user
// writes only what differs, as a Lua table file; the runtime turns that
// table into a plain tree (maps, strings, numbers, booleans) and Decode
// checks it: an unknown key or a wrong type is an error naming the key and
// the closest valid one.
//
// This package knows nothing of Lua; see runtime for the loader.
package settings

// Settings is the whole tree. Field tags give the Lua key names.
type Settings struct {
	AppInfo            AppInfo            `lua:"app_info"`
	Connection         Connection         `lua:"connection"`
	ConnectionSettings ConnectionSettings `lua:"connection_settings"`
	Authorization      Authorization      `lua:"authorization"`
	Logger             Logger             `lua:"logger"`
	MaxTries           MaxTries           `lua:"max_tries"`
	FloodTimeout       FloodTimeout       `lua:"flood_timeout"`
	MsgArrayLimit      MsgArrayLimit      `lua:"msg_array_limit"`
	Peer               Peer               `lua:"peer"`
	Requests           Requests           `lua:"requests"`
	Updates            Updates            `lua:"updates"`
	SecretChats        SecretChats        `lua:"secret_chats"`
	Serialization      Serialization      `lua:"serialization"`
	Files              Files              `lua:"files"`
}

// AppInfo identifies the app to Telegram (initConnection and login).
type AppInfo struct {
	APIID          int    `lua:"api_id" doc:"api_id from my.telegram.org (env LUAGRAM_API_ID)"`
	APIHash        string `lua:"api_hash" doc:"api_hash from my.telegram.org (env LUAGRAM_API_HASH)"`
	DeviceModel    string `lua:"device_model"`
	SystemVersion  string `lua:"system_version"`
	AppVersion     string `lua:"app_version"`
	LangCode       string `lua:"lang_code"`
	LangPack       string `lua:"lang_pack"`
	SystemLangCode string `lua:"system_lang_code"`
}

// Connection says where the DCs are.
type Connection struct {
	// TestMode uses Telegram's test DCs (and their key) unless DC is set.
	TestMode bool `lua:"test_mode"`
	// DC maps DC ids to "host:port"; empty means Telegram's published
	// addresses for the chosen mode.
	DC map[int]string `lua:"dc"`
	// DefaultDC is the DC a new session starts on.
	DefaultDC int `lua:"default_dc"`
}

// ConnectionSettings choose the transport.
type ConnectionSettings struct {
	// Protocol: "abridged", "intermediate", "padded_intermediate" or "full".
	Protocol string `lua:"protocol"`
	// Obfuscated wraps the transport in obfuscated2.
	Obfuscated bool `lua:"obfuscated"`
	// Proxy: "socks5://[user:pass@]host:port", "http://[user:pass@]host:port"
	// or "mtproxy://host:port?secret=HEX".
	Proxy string `lua:"proxy"`
	// Timeout in seconds for connecting and for the key exchange.
	Timeout int `lua:"timeout"`
	// PFS turns Perfect Forward Secrecy (bound temporary keys) on.
	PFS bool `lua:"pfs"`
}

// Authorization configures keys.
type Authorization struct {
	// DefaultTempAuthKeyExpiresIn is the lifetime of temporary keys, in
	// seconds.
	DefaultTempAuthKeyExpiresIn int `lua:"default_temp_auth_key_expires_in"`
	// RSAKeys are PEM server keys; empty means Telegram's published key for
	// the chosen mode.
	RSAKeys []string `lua:"rsa_keys"`
}

// Logger configures logging.
type Logger struct {
	// Level: "ultra_verbose", "verbose", "notice", "warning", "error" or
	// "fatal".
	Level string `lua:"level"`
	// File is where to log; "" means standard error.
	File string `lua:"file"`
}

// MaxTries bounds retries.
type MaxTries struct {
	Query int `lua:"query"`
}

// FloodTimeout: FLOOD_WAIT below WaitIfLt seconds is slept through.
type FloodTimeout struct {
	WaitIfLt int `lua:"wait_if_lt"`
}

// MsgArrayLimit is how many items one request fetches.
type MsgArrayLimit struct {
	Messages     int `lua:"messages"`
	Dialogs      int `lua:"dialogs"`
	Participants int `lua:"participants"`
}

// Peer configures the peer database.
type Peer struct {
	FullInfoCacheTime int `lua:"full_info_cache_time"`
}

// Requests configures how queries are sent.
type Requests struct {
	GzipEncodeIfGt int `lua:"gzip_encode_if_gt"`
}

// Updates configures the updates state machine.
type Updates struct {
	HandleUpdates    bool `lua:"handle_updates"`
	HandleOldUpdates bool `lua:"handle_old_updates"`
}

// SecretChats configures secret chats.
type SecretChats struct {
	AcceptChats bool `lua:"accept_chats"`
}

// Serialization configures the session file.
type Serialization struct {
	// SerializationInterval is how often the session is saved, in seconds.
	SerializationInterval int `lua:"serialization_interval"`
}

// Files configures transfers.
type Files struct {
	UploadParallelChunks   int `lua:"upload_parallel_chunks"`
	DownloadParallelChunks int `lua:"download_parallel_chunks"`
}

// Defaults returns the documented defaults.
func Defaults() *Settings {
	return &Settings{
		AppInfo: AppInfo{DeviceModel: "luagram", SystemVersion: "Go", AppVersion: "0.1", LangCode: "en",
			SystemLangCode: "en"},
		Connection:         Connection{DefaultDC: 2},
		ConnectionSettings: ConnectionSettings{Protocol: "intermediate", Timeout: 10, PFS: true},
		Authorization:      Authorization{DefaultTempAuthKeyExpiresIn: 86400},
		Logger:             Logger{Level: "notice"},
		MaxTries:           MaxTries{Query: 5},
		FloodTimeout:       FloodTimeout{WaitIfLt: 20},
		MsgArrayLimit:      MsgArrayLimit{Messages: 100, Dialogs: 100, Participants: 200},
		Peer:               Peer{FullInfoCacheTime: 3600},
		Requests:           Requests{GzipEncodeIfGt: 512},
		Updates:            Updates{HandleUpdates: true, HandleOldUpdates: true},
		SecretChats:        SecretChats{AcceptChats: true},
		Serialization:      Serialization{SerializationInterval: 30},
		Files:              Files{UploadParallelChunks: 4, DownloadParallelChunks: 4},
	}
}
