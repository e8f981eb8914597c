package sandbox

import (
	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	wrap(api.MessagesSendMediaRequestTypeID, (*call).tdMessagesSendMedia)
}

// tdMessagesSendMedia sends the media that are no files — locations,
// venues and contacts — and leaves files to messages.sendMedia.
func (c *call) tdMessagesSendMedia(q tl.Object, next handler) (any, error) {
	r := q.(*api.MessagesSendMediaRequest)
	var media api.MessageMediaClass
	switch x := r.Media.(type) {
	case *api.InputMediaGeoPoint:
		g, ok := x.GeoPoint.(*api.InputGeoPoint)
		if !ok {
			return nil, rpcError(400, "GEO_POINT_INVALID")
		}
		media = &api.MessageMediaGeo{Geo: &api.GeoPoint{Lat: g.Lat, Long: g.Long, AccessHash: randomInt64()}}
	case *api.InputMediaVenue:
		g, ok := x.GeoPoint.(*api.InputGeoPoint)
		if !ok {
			return nil, rpcError(400, "GEO_POINT_INVALID")
		}
		media = &api.MessageMediaVenue{Geo: &api.GeoPoint{Lat: g.Lat, Long: g.Long, AccessHash: randomInt64()}, Title: x.Title,
			Address: x.Address, Provider: x.Provider, VenueID: x.VenueID, VenueType: x.VenueType}
	case *api.InputMediaContact:
		media = &api.MessageMediaContact{PhoneNumber: x.PhoneNumber, FirstName: x.FirstName, LastName: x.LastName, Vcard: x.Vcard}
	default:
		return next(c, q)
	}
	return c.withUser(func(w *world, me *user) (any, error) {
		ref, err := c.inputPeer(me, r.Peer)
		if err != nil {
			return nil, err
		}
		if x, ok := media.(*api.MessageMediaContact); ok {
			if u := w.byPhone[normalizePhone(x.PhoneNumber)]; u != nil {
				x.UserID = u.id
			}
		}
		d := draft{text: r.Message, entities: withDetectedEntities(r.Message, r.Entities), markup: r.ReplyMarkup, media: media}
		if rt, ok := r.ReplyTo.(*api.InputReplyToMessage); ok {
			d.replyTo = rt.ReplyToMsgID
		}
		return c.send(w, me, ref, d, r.RandomID)
	})
}
