package tdcli

import (
	"image/jpeg"
	"os"
	"testing"
	"time"

	lua "github.com/yuin/gopher-lua"

	"github.com/luagram/luagram/tl/api"
)

// TestSecurity runs testdata/security.lua: the 2FA password and its
// recovery email (setPassword, getRecoveryEmail, setRecoveryEmail,
// requestPasswordRecovery, recoverPassword), changing the phone number
// (changePhoneNumber, resendChangePhoneNumberCode,
// checkChangePhoneNumberCode) and getWallpapers, against the sandbox. The
// Go side plays the user reading the mailbox.
func TestSecurity(t *testing.T) {
	w := newWorld(t)
	me := w.user("Script", "script_user")
	other := w.user("Other", "other_user")
	steps := map[string]func([]lua.LValue) any{
		"world": func([]lua.LValue) any {
			return map[string]any{"other_phone": other.info.Phone}
		},
		"email_code": func(args []lua.LValue) any {
			return w.sb.EmailCode(args[0].String())
		},
		// The user confirms the recovery email with the code of the mail.
		"confirm_email": func(args []lua.LValue) any {
			call(t, me, &api.AccountConfirmPasswordEmailRequest{Code: w.sb.EmailCode(args[0].String())})
			return nil
		},
		"server_phone": func([]lua.LValue) any {
			users := call(t, me, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUserSelf{}}})
			return users[0].(*api.User).Phone.Value
		},
		"jpeg_size": func(args []lua.LValue) any {
			f, err := os.Open(args[0].String())
			if err != nil {
				return err.Error()
			}
			defer f.Close()
			img, err := jpeg.Decode(f)
			if err != nil {
				return err.Error()
			}
			return img.Bounds().Dx() * img.Bounds().Dy()
		},
	}
	r := me.start(t, "security.lua", runConfig{}, steps)
	r.wait(20 * time.Second)
}
