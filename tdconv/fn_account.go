package tdconv

import (
	"context"
	"slices"

	"github.com/luagram/luagram/tl/api"
)

// The account: its profile photo, password state, sessions, time to live,
// devices and deletion.

func init() {
	register("setProfilePhoto", (*Layer).setProfilePhoto)
	register("deleteProfilePhoto", (*Layer).deleteProfilePhoto)
	register("getPasswordState", (*Layer).getPasswordState)
	register("getActiveSessions", (*Layer).getActiveSessions)
	register("terminateSession", (*Layer).terminateSession)
	register("terminateAllOtherSessions", (*Layer).terminateAllOtherSessions)
	register("getAccountTtl", (*Layer).getAccountTTL)
	register("changeAccountTtl", (*Layer).changeAccountTTL)
	register("deleteAccount", (*Layer).deleteAccount)
	register("registerDevice", (*Layer).registerDevice)
	register("getDeviceTokens", (*Layer).getDeviceTokens)
	register("setBotUpdatesStatus", (*Layer).setBotUpdatesStatus)
	register("getCreatedPublicChannels", (*Layer).getCreatedPublicChannels)
}

// setProfilePhoto uploads the file at photo_path as the new profile
// photo; the changed user comes as UpdateUser.
func (s *Layer) setProfilePhoto(ctx context.Context, r *SetProfilePhotoRequest) (Object, error) {
	if r.PhotoPath == "" {
		return nil, tdError(400, "Photo path must not be empty")
	}
	f, err := s.c.UploadFile(ctx, r.PhotoPath)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.PhotosUploadProfilePhotoRequest{File: f}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// deleteProfilePhoto deletes one of the account's profile photos, found
// by its id among them; the changed user comes as UpdateUser.
func (s *Layer) deleteProfilePhoto(ctx context.Context, r *DeleteProfilePhotoRequest) (Object, error) {
	res, err := call(ctx, s, &api.PhotosGetUserPhotosRequest{UserID: &api.InputUserSelf{}, Limit: 100})
	if err != nil {
		return nil, err
	}
	var photos []api.PhotoClass
	switch x := res.(type) {
	case *api.PhotosPhotos:
		photos = x.Photos
	case *api.PhotosPhotosSlice:
		photos = x.Photos
	}
	var in *api.InputPhoto
	for _, pc := range photos {
		if p, ok := pc.(*api.Photo); ok && p.ID == r.ProfilePhotoID {
			in = &api.InputPhoto{ID: p.ID, AccessHash: p.AccessHash, FileReference: p.FileReference}
		}
	}
	if in == nil {
		return nil, tdError(400, "Profile photo not found")
	}
	if _, err := call(ctx, s, &api.PhotosDeletePhotosRequest{ID: []api.InputPhotoClass{in}}); err != nil {
		return nil, err
	}
	// The answer holds no user: ask for the account, which announces it.
	if _, err := call(ctx, s, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUserSelf{}}}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) getPasswordState(ctx context.Context, _ *GetPasswordStateRequest) (Object, error) {
	p, err := call(ctx, s, &api.AccountGetPasswordRequest{})
	if err != nil {
		return nil, err
	}
	return &PasswordState{HasPassword: p.HasPassword, PasswordHint: p.Hint.Value, HasRecoveryEmail: p.HasRecovery,
		UnconfirmedRecoveryEmailPattern: p.EmailUnconfirmedPattern.Value}, nil
}

// getActiveSessions lists the account's authorizations, the current one
// first.
func (s *Layer) getActiveSessions(ctx context.Context, _ *GetActiveSessionsRequest) (Object, error) {
	res, err := call(ctx, s, &api.AccountGetAuthorizationsRequest{})
	if err != nil {
		return nil, err
	}
	out := &Sessions{Sessions: make([]*Session, 0, len(res.Authorizations))}
	for _, a := range res.Authorizations {
		out.Sessions = append(out.Sessions, &Session{ID: a.Hash, IsCurrent: a.Current, AppID: int64(a.APIID),
			AppName: a.AppName, AppVersion: a.AppVersion, IsOfficialApp: a.OfficialApp, DeviceModel: a.DeviceModel,
			Platform: a.Platform, SystemVersion: a.SystemVersion, DateCreated: int64(a.DateCreated),
			DateActive: int64(a.DateActive), IP: a.IP, Country: a.Country, Region: a.Region})
	}
	slices.SortStableFunc(out.Sessions, func(a, b *Session) int {
		switch {
		case a.IsCurrent == b.IsCurrent:
			return 0
		case a.IsCurrent:
			return -1
		}
		return 1
	})
	return out, nil
}

func (s *Layer) terminateSession(ctx context.Context, r *TerminateSessionRequest) (Object, error) {
	if _, err := call(ctx, s, &api.AccountResetAuthorizationRequest{Hash: r.SessionID}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) terminateAllOtherSessions(ctx context.Context, _ *TerminateAllOtherSessionsRequest) (Object, error) {
	if _, err := call(ctx, s, &api.AuthResetAuthorizationsRequest{}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) getAccountTTL(ctx context.Context, _ *GetAccountTTLRequest) (Object, error) {
	res, err := call(ctx, s, &api.AccountGetAccountTTLRequest{})
	if err != nil {
		return nil, err
	}
	return &AccountTTL{Days: int64(res.Days)}, nil
}

func (s *Layer) changeAccountTTL(ctx context.Context, r *ChangeAccountTTLRequest) (Object, error) {
	if r.TTL == nil {
		return nil, tdError(400, "New account TTL must not be empty")
	}
	if _, err := call(ctx, s, &api.AccountSetAccountTTLRequest{TTL: api.AccountDaysTTL{Days: int32(r.TTL.Days)}}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// deleteAccount deletes the account for good, as account.deleteAccount
// does; the scripts' calls fail afterwards.
func (s *Layer) deleteAccount(ctx context.Context, r *DeleteAccountRequest) (Object, error) {
	if _, err := call(ctx, s, &api.AccountDeleteAccountRequest{Reason: r.Reason}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// deviceTokenTypes are the token_type numbers of account.registerDevice.
var deviceTokenTypes = map[string]int32{
	"apnsDeviceToken": 1, "gcmDeviceToken": 2, "mpnsDeviceToken": 3,
	"simplePushDeviceToken": 4, "ubuntuPhoneDeviceToken": 5, "blackberryDeviceToken": 6,
}

// deviceToken returns the type number and the token of a DeviceToken.
func deviceToken(t DeviceTokenClass) (int32, string, bool) {
	var token string
	switch x := t.(type) {
	case *ApnsDeviceToken:
		token = x.Token
	case *GcmDeviceToken:
		token = x.Token
	case *MpnsDeviceToken:
		token = x.Token
	case *SimplePushDeviceToken:
		token = x.Token
	case *UbuntuPhoneDeviceToken:
		token = x.Token
	case *BlackberryDeviceToken:
		token = x.Token
	default:
		return 0, "", false
	}
	return deviceTokenTypes[t.TDName()], token, true
}

// registerDevice registers a token for push notifications; the Layer
// remembers it for getDeviceTokens, as TDLib did.
func (s *Layer) registerDevice(ctx context.Context, r *RegisterDeviceRequest) (Object, error) {
	typ, token, ok := deviceToken(r.DeviceToken)
	if !ok || token == "" {
		return nil, tdError(400, "Device token must be non-empty")
	}
	if _, err := call(ctx, s, &api.AccountRegisterDeviceRequest{TokenType: typ, Token: token, Secret: []byte{},
		OtherUids: []int64{}}); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.local.devices = slices.DeleteFunc(s.local.devices, func(t DeviceTokenClass) bool { return t.TDName() == r.DeviceToken.TDName() })
	s.local.devices = append(s.local.devices, r.DeviceToken)
	return &Ok{}, nil
}

func (s *Layer) getDeviceTokens(context.Context, *GetDeviceTokensRequest) (Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &DeviceTokenSet{Tokens: slices.Clone(s.local.devices)}, nil
}

func (s *Layer) setBotUpdatesStatus(ctx context.Context, r *SetBotUpdatesStatusRequest) (Object, error) {
	if _, err := call(ctx, s, &api.HelpSetBotUpdatesStatusRequest{PendingUpdatesCount: int32(r.PendingUpdateCount),
		Message: r.ErrorMessage}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

// getCreatedPublicChannels lists the public channels the account created,
// by their bare ids.
func (s *Layer) getCreatedPublicChannels(ctx context.Context, _ *GetCreatedPublicChannelsRequest) (Object, error) {
	res, err := call(ctx, s, &api.ChannelsGetAdminedPublicChannelsRequest{})
	if err != nil {
		return nil, err
	}
	var chats []api.ChatClass
	switch x := res.(type) {
	case *api.MessagesChats:
		chats = x.Chats
	case *api.MessagesChatsSlice:
		chats = x.Chats
	}
	out := &Channels{ChannelIDs: []int64{}}
	for _, c := range chats {
		if ch, ok := c.(*api.Channel); ok && ch.Creator {
			out.ChannelIDs = append(out.ChannelIDs, ch.ID)
		}
	}
	return out, nil
}
