package sandbox

import (
	"net"
	"slices"
	"strconv"
	"time"

	"github.com/luagram/luagram/tl"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	handlers[api.HelpGetConfigRequestTypeID] = (*call).helpGetConfig
	handlers[api.HelpGetNearestDCRequestTypeID] = (*call).helpGetNearestDC
}

// configLifetime is how long a client may cache help.getConfig.
const configLifetime = time.Hour

// helpGetConfig lists the sandbox's own DCs, so a client that follows the
// config stays on the sandbox.
func (c *call) helpGetConfig(tl.Object) (any, error) {
	now := c.dc.sb.cfg.Now()
	cfg := &api.Config{
		Date: int32(now.Unix()), Expires: int32(now.Add(configLifetime).Unix()), TestMode: true,
		ThisDC: int32(c.dc.ID), DCTxtDomainName: "sandbox.luagram.invalid",
		ChatSizeMax: 200, MegagroupSizeMax: 200000, ForwardedCountMax: 100,
		OnlineUpdatePeriodMs: 210000, OfflineBlurTimeoutMs: 5000, OfflineIdleTimeoutMs: 30000,
		OnlineCloudTimeoutMs: 300000, NotifyCloudDelayMs: 30000, NotifyDefaultDelayMs: 1500,
		PushChatPeriodMs: 60000, PushChatLimit: 2, EditTimeLimit: 172800, RevokeTimeLimit: 2147483647,
		RevokePmTimeLimit: 2147483647, RatingEDecay: 2419200, StickersRecentLimit: 200,
		ChannelsReadMediaPeriod: 604800, CallReceiveTimeoutMs: 20000, CallRingTimeoutMs: 90000,
		CallConnectTimeoutMs: 30000, CallPacketTimeoutMs: 10000, MeURLPrefix: "https://t.me/",
		CaptionLengthMax: 1024, MessageLengthMax: 4096, WebfileDCID: 1,
		TmpSessions: tl.Some(int32(10)),
	}
	for _, dc := range slices.Concat(c.dc.sb.dcs, c.dc.sb.cdns) {
		host, portText, _ := net.SplitHostPort(dc.Addr())
		port, _ := strconv.Atoi(portText)
		ip := net.ParseIP(host)
		cfg.DCOptions = append(cfg.DCOptions, api.DCOption{ID: int32(dc.ID), IPAddress: host, Port: int32(port),
			IPv6: ip != nil && ip.To4() == nil, CDN: dc.CDN})
	}
	return cfg, nil
}

func (c *call) helpGetNearestDC(tl.Object) (any, error) {
	return &api.NearestDC{Country: "XX", ThisDC: int32(c.dc.ID), NearestDC: int32(c.dc.ID)}, nil
}
