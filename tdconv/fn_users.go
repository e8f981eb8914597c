package tdconv

import (
	"context"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	register("getMe", (*Layer).getMe)
	register("getUser", (*Layer).getUser)
	register("getUserFull", (*Layer).getUserFull)
	register("changeUsername", (*Layer).changeUsername)
	register("changeName", (*Layer).changeName)
	register("changeAbout", (*Layer).changeAbout)
	register("getUserProfilePhotos", (*Layer).getUserProfilePhotos)
	register("importContacts", (*Layer).importContacts)
	register("searchContacts", (*Layer).searchContacts)
	register("deleteContacts", (*Layer).deleteContacts)
	register("blockUser", (*Layer).blockUser)
	register("unblockUser", (*Layer).unblockUser)
	register("getBlockedUsers", (*Layer).getBlockedUsers)
}

func (s *Layer) getMe(ctx context.Context, _ *GetMeRequest) (Object, error) {
	users, err := call(ctx, s, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUserSelf{}}})
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, tdError(401, "Unauthorized")
	}
	u, ok := users[0].(*api.User)
	if !ok {
		return nil, tdError(401, "Unauthorized")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.self = u
	return s.user(u), nil
}

// getUser answers from what the Layer knows, asking the server for users
// it has not seen.
func (s *Layer) getUser(ctx context.Context, r *GetUserRequest) (Object, error) {
	s.mu.Lock()
	u := s.users[r.UserID]
	s.mu.Unlock()
	if u == nil {
		in, err := s.c.InputUser(ctx, r.UserID)
		if err != nil {
			return nil, err
		}
		users, err := call(ctx, s, &api.UsersGetUsersRequest{ID: []api.InputUserClass{in}})
		if err != nil {
			return nil, err
		}
		if len(users) > 0 {
			u, _ = users[0].(*api.User)
		}
		if u == nil {
			return nil, tdError(404, "User not found")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.user(u), nil
}

func (s *Layer) getUserFull(ctx context.Context, r *GetUserFullRequest) (Object, error) {
	in, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	res, err := call(ctx, s, &api.UsersGetFullUserRequest{ID: in})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	fu := res.FullUser
	u := s.users[fu.ID]
	if u == nil {
		return nil, tdError(404, "User not found")
	}
	full := &UserFull{User: s.user(u), IsBlocked: fu.Blocked, About: fu.About.Value, CommonChatCount: int64(fu.CommonChatsCount)}
	if fu.BotInfo != nil {
		s.noteBotInfo([]api.BotInfo{*fu.BotInfo})
		full.BotInfo = s.botInfo[fu.ID]
	}
	return full, nil
}

func (s *Layer) changeUsername(ctx context.Context, r *ChangeUsernameRequest) (Object, error) {
	if _, err := call(ctx, s, &api.AccountUpdateUsernameRequest{Username: strings.TrimPrefix(r.Username, "@")}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) changeName(ctx context.Context, r *ChangeNameRequest) (Object, error) {
	if strings.TrimSpace(r.FirstName) == "" {
		return nil, tdError(400, "First name must be non-empty")
	}
	if _, err := call(ctx, s, &api.AccountUpdateProfileRequest{FirstName: tl.Some(r.FirstName), LastName: tl.Some(r.LastName)}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) changeAbout(ctx context.Context, r *ChangeAboutRequest) (Object, error) {
	if _, err := call(ctx, s, &api.AccountUpdateProfileRequest{About: tl.Some(r.About)}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) getUserProfilePhotos(ctx context.Context, r *GetUserProfilePhotosRequest) (Object, error) {
	in, err := s.c.InputUser(ctx, r.UserID)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	res, err := call(ctx, s, &api.PhotosGetUserPhotosRequest{UserID: in, Offset: int32(max(r.Offset, 0)), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	var photos []api.PhotoClass
	var total int64
	switch x := res.(type) {
	case *api.PhotosPhotos:
		photos, total = x.Photos, int64(len(x.Photos))
	case *api.PhotosPhotosSlice:
		photos, total = x.Photos, int64(x.Count)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &UserProfilePhotos{TotalCount: total, Photos: make([]*Photo, 0, len(photos))}
	for _, p := range photos {
		if pp, ok := p.(*api.Photo); ok {
			out.Photos = append(out.Photos, s.photo(pp, pp))
		}
	}
	return out, nil
}

// importContacts answers the users in the order of the contacts given; a
// phone number not on Telegram gives a user with id 0.
func (s *Layer) importContacts(ctx context.Context, r *ImportContactsRequest) (Object, error) {
	in := make([]api.InputPhoneContact, 0, len(r.Contacts))
	for i, c := range r.Contacts {
		if c == nil {
			continue
		}
		in = append(in, api.InputPhoneContact{ClientID: int64(i), Phone: c.PhoneNumber, FirstName: c.FirstName, LastName: c.LastName})
	}
	res, err := call(ctx, s, &api.ContactsImportContactsRequest{Contacts: in})
	if err != nil {
		return nil, err
	}
	byClient := map[int64]int64{}
	for _, ic := range res.Imported {
		byClient[ic.ClientID] = ic.UserID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &Users{Users: make([]*User, 0, len(in))}
	for _, c := range in {
		id, ok := byClient[c.ClientID]
		if !ok {
			out.Users = append(out.Users, &User{FirstName: c.FirstName, LastName: c.LastName, PhoneNumber: c.Phone,
				Status: &UserStatusEmpty{}, MyLink: &LinkStateNone{}, ForeignLink: &LinkStateNone{}, Type: &UserTypeUnknown{}})
			continue
		}
		out.Users = append(out.Users, s.userByID(id))
		out.TotalCount++
	}
	return out, nil
}

// searchContacts searches the names and usernames of the contacts.
func (s *Layer) searchContacts(ctx context.Context, r *SearchContactsRequest) (Object, error) {
	res, err := call(ctx, s, &api.ContactsGetContactsRequest{})
	if err != nil {
		return nil, err
	}
	cs, ok := res.(*api.ContactsContacts)
	if !ok {
		return &Users{Users: []*User{}}, nil
	}
	q := strings.ToLower(strings.TrimSpace(r.Query))
	limit := int(r.Limit)
	if limit <= 0 {
		limit = len(cs.Users)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &Users{Users: []*User{}}
	for _, uc := range cs.Users {
		u, ok := uc.(*api.User)
		if !ok {
			continue
		}
		name := strings.ToLower(u.FirstName.Value + " " + u.LastName.Value + " " + u.Username.Value)
		if q != "" && !strings.Contains(name, q) {
			continue
		}
		out.TotalCount++
		if len(out.Users) < limit {
			out.Users = append(out.Users, s.user(u))
		}
	}
	return out, nil
}

func (s *Layer) deleteContacts(ctx context.Context, r *DeleteContactsRequest) (Object, error) {
	users, err := s.inputUsers(ctx, r.UserIDs)
	if err != nil {
		return nil, err
	}
	if _, err := call(ctx, s, &api.ContactsDeleteContactsRequest{ID: users}); err != nil {
		return nil, err
	}
	return &Ok{}, nil
}

func (s *Layer) block(ctx context.Context, user int64, blocked bool) (Object, error) {
	peer, err := s.c.InputPeer(ctx, user)
	if err != nil {
		return nil, err
	}
	if blocked {
		_, err = call(ctx, s, &api.ContactsBlockRequest{ID: peer})
	} else {
		_, err = call(ctx, s, &api.ContactsUnblockRequest{ID: peer})
	}
	if err != nil {
		return nil, err
	}
	s.emit(&UpdateUserBlocked{UserID: user, IsBlocked: blocked})
	return &Ok{}, nil
}

func (s *Layer) blockUser(ctx context.Context, r *BlockUserRequest) (Object, error) {
	return s.block(ctx, r.UserID, true)
}

func (s *Layer) unblockUser(ctx context.Context, r *UnblockUserRequest) (Object, error) {
	return s.block(ctx, r.UserID, false)
}

func (s *Layer) getBlockedUsers(ctx context.Context, r *GetBlockedUsersRequest) (Object, error) {
	limit := r.Limit
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	res, err := call(ctx, s, &api.ContactsGetBlockedRequest{Offset: int32(max(r.Offset, 0)), Limit: int32(limit)})
	if err != nil {
		return nil, err
	}
	var list []api.PeerBlocked
	var total int64
	switch x := res.(type) {
	case *api.ContactsBlocked:
		list, total = x.Blocked, int64(len(x.Blocked))
	case *api.ContactsBlockedSlice:
		list, total = x.Blocked, int64(x.Count)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := &Users{TotalCount: total, Users: []*User{}}
	for _, b := range list {
		if id := peerUserID(b.PeerID); id != 0 {
			out.Users = append(out.Users, s.userByID(id))
		}
	}
	return out, nil
}
