package sandbox

import (
	"sort"
	"strings"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.ContactsImportContactsRequestTypeID] = (*call).contactsImportContacts
	handlers[api.ContactsGetContactsRequestTypeID] = (*call).contactsGetContacts
	handlers[api.ContactsDeleteContactsRequestTypeID] = (*call).contactsDeleteContacts
	handlers[api.ContactsSearchRequestTypeID] = (*call).contactsSearch
	handlers[api.ContactsBlockRequestTypeID] = (*call).contactsBlock
	handlers[api.ContactsUnblockRequestTypeID] = (*call).contactsUnblock
	handlers[api.ContactsGetBlockedRequestTypeID] = (*call).contactsGetBlocked
	handlers[api.AccountUpdateStatusRequestTypeID] = (*call).accountUpdateStatus
	handlers[api.PhotosUploadProfilePhotoRequestTypeID] = (*call).photosUploadProfilePhoto
	handlers[api.PhotosGetUserPhotosRequestTypeID] = (*call).photosGetUserPhotos
}

// contactsImportContacts adds the users of phone numbers to my contacts;
// numbers not in the sandbox are left out, as on Telegram.
func (c *call) contactsImportContacts(q tl.Object) (any, error) {
	r := q.(*api.ContactsImportContactsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		res := &api.ContactsImportedContacts{Imported: []api.ImportedContact{}, PopularInvites: []api.PopularContact{},
			RetryContacts: []int64{}, Users: []api.UserClass{}}
		for _, pc := range r.Contacts {
			u := w.byPhone[normalizePhone(pc.Phone)]
			if u == nil {
				continue
			}
			me.contacts[u.id] = true
			res.Imported = append(res.Imported, api.ImportedContact{UserID: u.id, ClientID: pc.ClientID})
			res.Users = append(res.Users, w.userView(me, u))
		}
		return res, nil
	})
}

func (c *call) contactsGetContacts(tl.Object) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		res := &api.ContactsContacts{Contacts: []api.Contact{}, Users: []api.UserClass{}}
		for _, id := range keys(me.contacts) {
			u := w.users[id]
			res.Contacts = append(res.Contacts, api.Contact{UserID: id, Mutual: u.contacts[me.id]})
			res.Users = append(res.Users, w.userView(me, u))
		}
		res.SavedCount = int32(len(res.Contacts))
		return res, nil
	})
}

func (c *call) contactsDeleteContacts(q tl.Object) (any, error) {
	r := q.(*api.ContactsDeleteContactsRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		refs := map[peerRef]bool{}
		for _, in := range r.ID {
			u, err := c.inputUser(me, in)
			if err != nil {
				return nil, err
			}
			delete(me.contacts, u.id)
			refs[peerRef{'u', u.id}] = true
		}
		users, _ := w.render(me, refs)
		return &api.Updates{Updates: []api.UpdateClass{}, Users: users, Chats: []api.ChatClass{}, Date: c.now()}, nil
	})
}

// contactsSearch finds users and public channels whose username, name or
// title contains the query.
func (c *call) contactsSearch(q tl.Object) (any, error) {
	r := q.(*api.ContactsSearchRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		needle := strings.ToLower(strings.TrimPrefix(r.Q, "@"))
		res := &api.ContactsFound{MyResults: []api.PeerClass{}, Results: []api.PeerClass{}}
		refs := map[peerRef]bool{}
		var names []string
		for name := range w.byName {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if !strings.Contains(name, needle) || len(res.Results) >= int(max(r.Limit, 1)) {
				continue
			}
			ref := w.byName[name]
			if ref.kind == 'u' && me.contacts[ref.id] {
				res.MyResults = append(res.MyResults, ref.peer())
			} else {
				res.Results = append(res.Results, ref.peer())
			}
			refs[ref] = true
		}
		res.Users, res.Chats = w.render(me, refs)
		return res, nil
	})
}

func (c *call) setBlocked(q api.InputPeerClass, blocked bool) (any, error) {
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, q)
		if err != nil || ref.kind != 'u' {
			return nil, rpcError(400, "CONTACT_ID_INVALID")
		}
		if blocked {
			me.blocked[ref.id] = true
		} else {
			delete(me.blocked, ref.id)
		}
		c.pushOthers(w, me, &api.UpdateShort{Update: &api.UpdatePeerBlocked{PeerID: ref.peer(), Blocked: blocked}, Date: c.now()})
		return boolResult(true), nil
	})
}

func (c *call) contactsBlock(q tl.Object) (any, error) {
	return c.setBlocked(q.(*api.ContactsBlockRequest).ID, true)
}

func (c *call) contactsUnblock(q tl.Object) (any, error) {
	return c.setBlocked(q.(*api.ContactsUnblockRequest).ID, false)
}

func (c *call) contactsGetBlocked(q tl.Object) (any, error) {
	r := q.(*api.ContactsGetBlockedRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		ids := keys(me.blocked)
		total := len(ids)
		ids = ids[min(max(int(r.Offset), 0), len(ids)):]
		if r.Limit > 0 && len(ids) > int(r.Limit) {
			ids = ids[:r.Limit]
		}
		refs := map[peerRef]bool{}
		res := &api.ContactsBlockedSlice{Count: int32(total), Blocked: []api.PeerBlocked{}}
		for _, id := range ids {
			res.Blocked = append(res.Blocked, api.PeerBlocked{PeerID: &api.PeerUser{UserID: id}, Date: c.now()})
			refs[peerRef{'u', id}] = true
		}
		res.Users, res.Chats = w.render(me, refs)
		return res, nil
	})
}

// accountUpdateStatus sets me online or offline and tells the users who
// have a chat with me.
func (c *call) accountUpdateStatus(q tl.Object) (any, error) {
	r := q.(*api.AccountUpdateStatusRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		now := c.now()
		var st api.UserStatusClass = &api.UserStatusOnline{Expires: now + 300}
		if r.Offline {
			st = &api.UserStatusOffline{WasOnline: now}
			me.lastOnline = now
		}
		w.td().status[me.id] = st
		for _, u := range w.users {
			if u.id != me.id && (u.dialogs[peerRef{'u', me.id}] != nil || u.contacts[me.id]) {
				w.push(u, &api.UpdateShort{Update: &api.UpdateUserStatus{UserID: me.id, Status: st}, Date: now})
			}
		}
		return boolResult(true), nil
	})
}

// photosUploadProfilePhoto sets my profile photo.
func (c *call) photosUploadProfilePhoto(q tl.Object) (any, error) {
	r := q.(*api.PhotosUploadProfilePhotoRequest)
	if r.File == nil {
		return nil, rpcError(400, "PHOTO_FILE_MISSING")
	}
	p, err := c.chatPhoto(&api.InputChatUploadedPhoto{File: r.File})
	if err != nil {
		return nil, err
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		t := w.td()
		t.userPhotos[me.id] = append([]*photo{p}, t.userPhotos[me.id]...)
		return &api.PhotosPhoto{Photo: c.dc.sb.files.photoObject(p), Users: []api.UserClass{w.userView(me, me)}}, nil
	})
}

func (c *call) photosGetUserPhotos(q tl.Object) (any, error) {
	r := q.(*api.PhotosGetUserPhotosRequest)
	return c.withUser(func(w *world, me *user) (any, error) {
		u, err := c.inputUser(me, r.UserID)
		if err != nil {
			return nil, err
		}
		all := w.td().userPhotos[u.id]
		list := all[min(max(int(r.Offset), 0), len(all)):]
		if r.Limit > 0 && len(list) > int(r.Limit) {
			list = list[:r.Limit]
		}
		res := &api.PhotosPhotosSlice{Count: int32(len(all)), Photos: []api.PhotoClass{}, Users: []api.UserClass{w.userView(me, u)}}
		for _, p := range list {
			res.Photos = append(res.Photos, c.dc.sb.files.photoObject(p))
		}
		return res, nil
	})
}
