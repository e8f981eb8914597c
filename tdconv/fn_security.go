package tdconv

import (
	"context"
	"errors"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// The account's security settings: the two-step verification password and
// its recovery email (SRP as on core.telegram.org/api/srp, computed by the
// Client), password recovery, changing the phone number, and the chat
// backgrounds.

func init() {
	register("setPassword", (*Layer).setPassword)
	register("getRecoveryEmail", (*Layer).getRecoveryEmail)
	register("setRecoveryEmail", (*Layer).setRecoveryEmail)
	register("requestPasswordRecovery", (*Layer).requestPasswordRecovery)
	register("recoverPassword", (*Layer).recoverPassword)
	register("changePhoneNumber", (*Layer).changePhoneNumber)
	register("resendChangePhoneNumberCode", (*Layer).resendChangePhoneNumberCode)
	register("checkChangePhoneNumberCode", (*Layer).checkChangePhoneNumberCode)
	register("getWallpapers", (*Layer).getWallpapers)
}

// A phoneChange is the code sent by changePhoneNumber.
type phoneChange struct {
	phone string
	hash  string
}

// passwordCheck asks for account.password and proves password with it.
func (s *Layer) passwordCheck(ctx context.Context, password string) (*api.AccountPassword, api.InputCheckPasswordSRPClass, error) {
	pw, err := call(ctx, s, &api.AccountGetPasswordRequest{})
	if err != nil {
		return nil, nil, err
	}
	in, err := s.c.PasswordCheck(pw, password)
	if err != nil {
		return nil, nil, err
	}
	return pw, in, nil
}

// updatePassword sends new settings. A new recovery email waits for its
// confirmation: the error EMAIL_UNCONFIRMED, as the schema has it, without
// the code length later servers append.
func (s *Layer) updatePassword(ctx context.Context, in api.InputCheckPasswordSRPClass, ns *api.AccountPasswordInputSettings) error {
	_, err := call(ctx, s, &api.AccountUpdatePasswordSettingsRequest{Password: in, NewSettings: *ns})
	var re *RPCError
	if errors.As(err, &re) && strings.HasPrefix(re.Message, "EMAIL_UNCONFIRMED") {
		return &Error{Code: int64(re.Code), Message: "EMAIL_UNCONFIRMED"}
	}
	return err
}

// setPassword changes the password (an empty new_password removes it) and,
// with set_recovery_email, the recovery email.
func (s *Layer) setPassword(ctx context.Context, r *SetPasswordRequest) (Object, error) {
	pw, in, err := s.passwordCheck(ctx, r.OldPassword)
	if err != nil {
		return nil, err
	}
	algo, hash, err := s.c.NewPasswordHash(pw, r.NewPassword)
	if err != nil {
		return nil, err
	}
	ns := &api.AccountPasswordInputSettings{NewAlgo: algo, NewPasswordHash: hash, Hint: tl.Some(r.NewHint)}
	if r.SetRecoveryEmail && r.NewPassword != "" {
		ns.Email = tl.Some(r.NewRecoveryEmail)
	}
	if err := s.updatePassword(ctx, in, ns); err != nil {
		return nil, err
	}
	return s.getPasswordState(ctx, nil)
}

func (s *Layer) getRecoveryEmail(ctx context.Context, r *GetRecoveryEmailRequest) (Object, error) {
	_, in, err := s.passwordCheck(ctx, r.Password)
	if err != nil {
		return nil, err
	}
	st, err := call(ctx, s, &api.AccountGetPasswordSettingsRequest{Password: in})
	if err != nil {
		return nil, err
	}
	return &RecoveryEmail{RecoveryEmail: st.Email.Value}, nil
}

func (s *Layer) setRecoveryEmail(ctx context.Context, r *SetRecoveryEmailRequest) (Object, error) {
	_, in, err := s.passwordCheck(ctx, r.Password)
	if err != nil {
		return nil, err
	}
	if err := s.updatePassword(ctx, in, &api.AccountPasswordInputSettings{Email: tl.Some(r.NewRecoveryEmail)}); err != nil {
		return nil, err
	}
	return s.getPasswordState(ctx, nil)
}

func (s *Layer) requestPasswordRecovery(ctx context.Context, _ *RequestPasswordRecoveryRequest) (Object, error) {
	res, err := call(ctx, s, &api.AuthRequestPasswordRecoveryRequest{})
	if err != nil {
		return nil, err
	}
	return &PasswordRecoveryInfo{RecoveryEmailPattern: res.EmailPattern}, nil
}

// recoverPassword removes the forgotten password with the code sent to the
// recovery email.
func (s *Layer) recoverPassword(ctx context.Context, r *RecoverPasswordRequest) (Object, error) {
	if _, err := call(ctx, s, &api.AuthRecoverPasswordRequest{Code: r.RecoveryCode}); err != nil {
		return nil, err
	}
	return s.getPasswordState(ctx, nil)
}

// authCodeType converts the way a code was sent; length is the code's
// length for the next way, which MTProto does not tell.
func authCodeType(t api.AuthSentCodeTypeClass) (AuthCodeTypeClass, int64) {
	switch x := t.(type) {
	case *api.AuthSentCodeTypeApp:
		return &AuthCodeTypeMessage{Length: int64(x.Length)}, int64(x.Length)
	case *api.AuthSentCodeTypeSMS:
		return &AuthCodeTypeSMS{Length: int64(x.Length)}, int64(x.Length)
	case *api.AuthSentCodeTypeCall:
		return &AuthCodeTypeCall{Length: int64(x.Length)}, int64(x.Length)
	case *api.AuthSentCodeTypeFlashCall:
		return &AuthCodeTypeFlashCall{Pattern: x.Pattern}, 0
	}
	return nil, 0
}

func nextCodeType(t api.AuthCodeTypeClass, length int64) AuthCodeTypeClass {
	switch t.(type) {
	case *api.AuthCodeTypeSMS:
		return &AuthCodeTypeSMS{Length: length}
	case *api.AuthCodeTypeCall:
		return &AuthCodeTypeCall{Length: length}
	case *api.AuthCodeTypeFlashCall:
		return &AuthCodeTypeFlashCall{}
	}
	return nil
}

// waitCode is the AuthStateWaitCode of a sent code, remembered for
// resendChangePhoneNumberCode and checkChangePhoneNumberCode.
func (s *Layer) waitCode(phone string, sc api.AuthSentCodeClass) (Object, error) {
	sent, ok := sc.(*api.AuthSentCode)
	if !ok {
		return nil, tdError(500, "unexpected answer %s", sc.TypeName())
	}
	s.mu.Lock()
	s.phoneChange = &phoneChange{phone: phone, hash: sent.PhoneCodeHash}
	s.mu.Unlock()
	typ, length := authCodeType(sent.Type)
	return &AuthStateWaitCode{IsRegistered: true, CodeType: typ, NextCodeType: nextCodeType(sent.NextType, length),
		Timeout: int64(sent.Timeout.Value)}, nil
}

func (s *Layer) changePhoneNumber(ctx context.Context, r *ChangePhoneNumberRequest) (Object, error) {
	sent, err := call(ctx, s, &api.AccountSendChangePhoneCodeRequest{PhoneNumber: r.PhoneNumber,
		Settings: api.CodeSettings{AllowFlashcall: r.AllowFlashCall, CurrentNumber: r.AllowFlashCall && r.IsCurrentPhoneNumber}})
	if err != nil {
		return nil, err
	}
	return s.waitCode(r.PhoneNumber, sent)
}

func (s *Layer) pendingPhoneChange() (*phoneChange, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.phoneChange == nil {
		return nil, tdError(400, "changePhoneNumber must be called first")
	}
	return s.phoneChange, nil
}

func (s *Layer) resendChangePhoneNumberCode(ctx context.Context, _ *ResendChangePhoneNumberCodeRequest) (Object, error) {
	pc, err := s.pendingPhoneChange()
	if err != nil {
		return nil, err
	}
	sent, err := call(ctx, s, &api.AuthResendCodeRequest{PhoneNumber: pc.phone, PhoneCodeHash: pc.hash})
	if err != nil {
		return nil, err
	}
	return s.waitCode(pc.phone, sent)
}

// checkChangePhoneNumberCode moves the account to the new number; the
// changed user comes as UpdateUser.
func (s *Layer) checkChangePhoneNumberCode(ctx context.Context, r *CheckChangePhoneNumberCodeRequest) (Object, error) {
	pc, err := s.pendingPhoneChange()
	if err != nil {
		return nil, err
	}
	u, err := call(ctx, s, &api.AccountChangePhoneRequest{PhoneNumber: pc.phone, PhoneCodeHash: pc.hash, PhoneCode: r.Code})
	if err != nil {
		return nil, err
	}
	s.learn([]api.UserClass{u}, nil)
	s.mu.Lock()
	if s.phoneChange == pc {
		s.phoneChange = nil
	}
	s.mu.Unlock()
	return &AuthStateOk{}, nil
}

// getWallpapers lists the chat backgrounds: a picture's sizes are its
// thumbnails and the picture itself (type "w"), smallest first; a plain
// color has none.
func (s *Layer) getWallpapers(ctx context.Context, _ *GetWallpapersRequest) (Object, error) {
	res, err := call(ctx, s, &api.AccountGetWallPapersRequest{})
	if err != nil {
		return nil, err
	}
	all, ok := res.(*api.AccountWallPapers)
	if !ok {
		return &Wallpapers{Wallpapers: []*Wallpaper{}}, nil
	}
	out := &Wallpapers{Wallpapers: make([]*Wallpaper, 0, len(all.Wallpapers))}
	for _, wc := range all.Wallpapers {
		wp := &Wallpaper{Sizes: []*PhotoSize{}}
		var settings *api.WallPaperSettings
		switch x := wc.(type) {
		case *api.WallPaper:
			settings = x.Settings
			if d, ok := x.Document.(*api.Document); ok {
				for _, th := range d.Thumbs {
					if ps := s.photoSize(d, d.ID, "thumb", th); ps != nil {
						wp.Sizes = append(wp.Sizes, ps)
					}
				}
				full := &PhotoSize{Type: "w", Photo: s.docFile(d, d)}
				for _, a := range d.Attributes {
					if sz, ok := a.(*api.DocumentAttributeImageSize); ok {
						full.Width, full.Height = int64(sz.W), int64(sz.H)
					}
				}
				wp.Sizes = append(wp.Sizes, full)
			}
		case *api.WallPaperNoFile:
			settings = x.Settings
		}
		if settings != nil {
			wp.Color = int64(settings.BackgroundColor.Value)
		}
		out.Wallpapers = append(out.Wallpapers, wp)
	}
	return out, nil
}
