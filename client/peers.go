package client

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

// A PeerError says why a peer could not be resolved.
type PeerError struct {
	Query  string
	Reason string
}

func (e *PeerError) Error() string { return fmt.Sprintf("client: peer %s: %s", e.Query, e.Reason) }

// ErrPeerNotFound matches every *PeerError.
var ErrPeerNotFound = errors.New("client: peer not found")

// Is makes errors.Is(err, ErrPeerNotFound) work.
func (e *PeerError) Is(target error) bool { return target == ErrPeerNotFound }

var (
	userClassType    = reflect.TypeFor[api.UserClass]()
	chatClassType    = reflect.TypeFor[api.ChatClass]()
	updatesClassType = reflect.TypeFor[api.UpdatesClass]()
)

// nestedUpdates returns an Updates held in a top-level field of o.
func nestedUpdates(o any) api.UpdatesClass {
	v := reflect.ValueOf(o)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Type() == updatesClassType && !f.IsNil() {
			return f.Interface().(api.UpdatesClass)
		}
	}
	return nil
}

// rememberPeers stores every user and chat found in the top-level fields
// Users, Chats and User of a result or update container.
func (c *Client) rememberPeers(o any) {
	v := reflect.ValueOf(o)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch {
		case f.Kind() == reflect.Slice && f.Type().Elem() == userClassType:
			for j := 0; j < f.Len(); j++ {
				c.rememberUser(f.Index(j).Interface().(api.UserClass))
			}
		case f.Kind() == reflect.Slice && f.Type().Elem() == chatClassType:
			for j := 0; j < f.Len(); j++ {
				c.rememberChat(f.Index(j).Interface().(api.ChatClass))
			}
		case f.Type() == userClassType && !f.IsNil():
			c.rememberUser(f.Interface().(api.UserClass))
		}
	}
}

func (c *Client) rememberUser(u api.UserClass) {
	x, ok := u.(*api.User)
	if !ok {
		return
	}
	p := storage.Peer{ID: x.ID, Kind: storage.PeerUser, AccessHash: x.AccessHash.Value, Min: x.Min, Bot: x.Bot,
		Phone: x.Phone.Value, FirstName: x.FirstName.Value, LastName: x.LastName.Value}
	if x.Username.Set {
		p.Usernames = append(p.Usernames, x.Username.Value)
	}
	for _, un := range x.Usernames {
		if un.Active && un.Username != x.Username.Value {
			p.Usernames = append(p.Usernames, un.Username)
		}
	}
	if err := c.peers.Put(p); err != nil {
		c.log.Debug("client: peer not stored", "id", x.ID, "err", err)
	}
	if x.Self {
		c.mu.Lock()
		c.self = x
		c.mu.Unlock()
	}
}

func (c *Client) rememberChat(ch api.ChatClass) {
	var p storage.Peer
	switch x := ch.(type) {
	case *api.Chat:
		p = storage.Peer{ID: x.ID, Kind: storage.PeerChat, Title: x.Title}
	case *api.ChatForbidden:
		p = storage.Peer{ID: x.ID, Kind: storage.PeerChat, Title: x.Title}
	case *api.Channel:
		p = storage.Peer{ID: x.ID, Kind: storage.PeerChannel, AccessHash: x.AccessHash.Value, Min: x.Min, Title: x.Title}
		if x.Username.Set {
			p.Usernames = append(p.Usernames, x.Username.Value)
		}
	case *api.ChannelForbidden:
		p = storage.Peer{ID: x.ID, Kind: storage.PeerChannel, AccessHash: x.AccessHash, Title: x.Title}
	default:
		return
	}
	if err := c.peers.Put(p); err != nil {
		c.log.Debug("client: peer not stored", "id", p.ID, "err", err)
	}
}

// InputPeer resolves what a user may write for a peer: "@username",
// "username", a t.me link, "me"/"self", a bot-API id (number or decimal
// string: users as is, basic groups negative, channels -100…), or an
// API object (InputPeer, Peer, User, Chat). Unknown usernames are looked up
// with contacts.resolveUsername.
func (c *Client) InputPeer(ctx context.Context, v any) (api.InputPeerClass, error) {
	switch x := v.(type) {
	case api.InputPeerClass:
		return x, nil
	case api.PeerClass:
		return c.inputPeerByID(peerMarkedID(x), fmt.Sprint(x))
	case *api.User:
		if x.AccessHash.Set && !x.Min {
			return &api.InputPeerUser{UserID: x.ID, AccessHash: x.AccessHash.Value}, nil
		}
		return c.inputPeerByID(x.ID, strconv.FormatInt(x.ID, 10))
	case *api.Chat:
		return &api.InputPeerChat{ChatID: x.ID}, nil
	case *api.Channel:
		if x.AccessHash.Set && !x.Min {
			return &api.InputPeerChannel{ChannelID: x.ID, AccessHash: x.AccessHash.Value}, nil
		}
		return c.inputPeerByID(storage.MarkedID(storage.PeerChannel, x.ID), fmt.Sprint(x.ID))
	case int:
		return c.inputPeerByID(int64(x), strconv.Itoa(x))
	case int64:
		return c.inputPeerByID(x, strconv.FormatInt(x, 10))
	case float64:
		if x != float64(int64(x)) {
			return nil, &PeerError{Query: fmt.Sprint(x), Reason: "not an integer id"}
		}
		return c.inputPeerByID(int64(x), fmt.Sprint(int64(x)))
	case string:
		return c.inputPeerFromString(ctx, x)
	}
	return nil, &PeerError{Query: fmt.Sprintf("%v", v), Reason: fmt.Sprintf("cannot make a peer of %T", v)}
}

func (c *Client) inputPeerFromString(ctx context.Context, s string) (api.InputPeerClass, error) {
	q := strings.TrimSpace(s)
	switch strings.ToLower(q) {
	case "me", "self":
		return &api.InputPeerSelf{}, nil
	}
	if id, err := strconv.ParseInt(q, 10, 64); err == nil {
		return c.inputPeerByID(id, q)
	}
	name := q
	for _, prefix := range []string{"https://", "http://"} {
		name = strings.TrimPrefix(name, prefix)
	}
	for _, host := range []string{"t.me/", "telegram.me/", "telegram.dog/"} {
		if rest, ok := strings.CutPrefix(strings.ToLower(name), host); ok {
			name = name[len(name)-len(rest):]
			if i := strings.IndexAny(name, "/?"); i >= 0 {
				name = name[:i]
			}
		}
	}
	name = strings.TrimPrefix(name, "@")
	if name == "" || strings.ContainsAny(name, " /+") {
		return nil, &PeerError{Query: s, Reason: "not a username, link or id"}
	}
	if p, ok := c.peers.ByUsername(name); ok && !p.Min {
		return inputPeerOf(p), nil
	}
	res, err := Call(ctx, c, &api.ContactsResolveUsernameRequest{Username: name})
	if err != nil {
		return nil, fmt.Errorf("client: resolving @%s: %w", name, err)
	}
	if p, ok := c.peers.ByMarkedID(peerMarkedID(res.Peer)); ok {
		return inputPeerOf(p), nil
	}
	return nil, &PeerError{Query: s, Reason: "resolved, but the answer carried no access hash"}
}

// inputPeerByID finds a bot-API id in the peer database.
func (c *Client) inputPeerByID(marked int64, query string) (api.InputPeerClass, error) {
	if self := c.Self(); self != nil && marked == self.ID {
		return &api.InputPeerSelf{}, nil
	}
	p, ok := c.peers.ByMarkedID(marked)
	if !ok {
		return nil, &PeerError{Query: query, Reason: "not seen yet; resolve it by username or receive a message from it first"}
	}
	if p.Min && p.Kind != storage.PeerChat {
		return nil, &PeerError{Query: query, Reason: "only known from a min constructor (no usable access hash)"}
	}
	return inputPeerOf(p), nil
}

func inputPeerOf(p storage.Peer) api.InputPeerClass {
	switch p.Kind {
	case storage.PeerChat:
		return &api.InputPeerChat{ChatID: p.ID}
	case storage.PeerChannel:
		return &api.InputPeerChannel{ChannelID: p.ID, AccessHash: p.AccessHash}
	}
	return &api.InputPeerUser{UserID: p.ID, AccessHash: p.AccessHash}
}

func peerMarkedID(p api.PeerClass) int64 {
	switch x := p.(type) {
	case *api.PeerUser:
		return x.UserID
	case *api.PeerChat:
		return storage.MarkedID(storage.PeerChat, x.ChatID)
	case *api.PeerChannel:
		return storage.MarkedID(storage.PeerChannel, x.ChannelID)
	}
	return 0
}

// InputUser resolves a user the way InputPeer does.
func (c *Client) InputUser(ctx context.Context, v any) (api.InputUserClass, error) {
	p, err := c.InputPeer(ctx, v)
	if err != nil {
		return nil, err
	}
	switch x := p.(type) {
	case *api.InputPeerSelf:
		return &api.InputUserSelf{}, nil
	case *api.InputPeerUser:
		return &api.InputUser{UserID: x.UserID, AccessHash: x.AccessHash}, nil
	case *api.InputPeerUserFromMessage:
		return &api.InputUserFromMessage{Peer: x.Peer, MsgID: x.MsgID, UserID: x.UserID}, nil
	}
	return nil, &PeerError{Query: fmt.Sprint(v), Reason: "not a user"}
}

// InputChannel resolves a channel or supergroup the way InputPeer does.
func (c *Client) InputChannel(ctx context.Context, v any) (api.InputChannelClass, error) {
	p, err := c.InputPeer(ctx, v)
	if err != nil {
		return nil, err
	}
	switch x := p.(type) {
	case *api.InputPeerChannel:
		return &api.InputChannel{ChannelID: x.ChannelID, AccessHash: x.AccessHash}, nil
	case *api.InputPeerChannelFromMessage:
		return &api.InputChannelFromMessage{Peer: x.Peer, MsgID: x.MsgID, ChannelID: x.ChannelID}, nil
	}
	return nil, &PeerError{Query: fmt.Sprint(v), Reason: "not a channel or supergroup"}
}

// Self returns the logged-in user, if known.
func (c *Client) Self() *api.User {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.self
}

// GetSelf fetches the logged-in user.
func (c *Client) GetSelf(ctx context.Context) (*api.User, error) {
	users, err := Call(ctx, c, &api.UsersGetUsersRequest{ID: []api.InputUserClass{&api.InputUserSelf{}}})
	if err != nil {
		return nil, err
	}
	if len(users) == 1 {
		if u, ok := users[0].(*api.User); ok {
			return u, nil
		}
	}
	return nil, ErrNotLoggedIn
}

// encodeQuery is a helper for callers building raw queries.
func encodeQuery(o tl.Object) ([]byte, error) {
	var b tl.Buffer
	b.Object(o, o.TypeName())
	return b.Buf, b.Err()
}
