package fileid

import "encoding/base64"

func b64enc(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
