package sandbox

import (
	"github.com/luagram/luagram/tl/api"
)

// The parts of users, groups and channels the tdcli features add to what
// a viewer sees: profile and chat photos, the status a user set, the
// viewer's rights, bans and migrations. Called by userView, chatView and
// channelView with w.mu held.

func (w *world) tdUserView(u *user, v *api.User) {
	t := w.td()
	if ps := t.userPhotos[u.id]; len(ps) > 0 {
		v.Photo = &api.UserProfilePhoto{PhotoID: ps[0].id, DCID: int32(ps[0].dc)}
	}
	if st := t.status[u.id]; st != nil && !u.bot {
		v.Status = st
	}
	if t.deleted[u.id] {
		*v = api.User{ID: v.ID, AccessHash: v.AccessHash, Deleted: true}
	}
}

func (w *world) tdChatView(viewer *user, c *chat, v *api.Chat) {
	t := w.td()
	if p := t.chatPhotos[peerRef{'c', c.id}]; p != nil {
		v.Photo = &api.ChatPhoto{PhotoID: p.id, DCID: int32(p.dc)}
	}
	if c.admins[viewer.id] && c.creator != viewer.id {
		v.AdminRights = &api.ChatAdminRights{ChangeInfo: true, DeleteMessages: true, BanUsers: true, InviteUsers: true, PinMessages: true}
	}
	if c.migratedTo != 0 {
		v.MigratedTo = &api.InputChannel{ChannelID: c.migratedTo, AccessHash: w.accessHash(viewer.id, 'C', c.migratedTo)}
		v.Deactivated = true
	}
	if d, ok := t.defaults[peerRef{'c', c.id}]; ok {
		cp := d
		v.DefaultBannedRights = &cp
	}
}

func (w *world) tdChannelView(viewer *user, c *channel, v *api.Channel) {
	t := w.td()
	if p := t.chatPhotos[peerRef{'C', c.id}]; p != nil {
		v.Photo = &api.ChatPhoto{PhotoID: p.id, DCID: int32(p.dc)}
	}
	if p := c.members[viewer.id]; p != nil && p.admin && c.creator != viewer.id {
		r, ok := t.adminRights[c.id][viewer.id]
		if !ok {
			r = api.ChatAdminRights{DeleteMessages: true, BanUsers: true, PinMessages: true}
		}
		v.AdminRights = &r
	}
	if b, banned := t.bans[c.id][viewer.id]; banned {
		r := b.rights
		v.BannedRights = &r
	}
	v.Signatures = t.signatures[c.id]
	if d, ok := t.defaults[peerRef{'C', c.id}]; ok {
		cp := d
		v.DefaultBannedRights = &cp
	}
}
