package dcs

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"reflect"
	"testing"

	"github.com/luagram/luagram/tl/api"
)

func TestCDNAddresses(t *testing.T) {
	cases := []struct {
		name string
		opts []api.DCOption
		want map[int]Address
	}{
		{"none", nil, map[int]Address{}},
		{"not CDN", []api.DCOption{{ID: 1, IPAddress: "1.2.3.4", Port: 443}}, map[int]Address{}},
		{"CDN", []api.DCOption{{ID: 1, IPAddress: "1.2.3.4", Port: 443}, {ID: 201, CDN: true, IPAddress: "5.6.7.8", Port: 443}},
			map[int]Address{201: {ID: 201, Addr: "5.6.7.8:443"}}},
		{"IPv4 over IPv6", []api.DCOption{{ID: 201, CDN: true, IPv6: true, IPAddress: "::1", Port: 443}, {ID: 201, CDN: true, IPAddress: "5.6.7.8", Port: 80}},
			map[int]Address{201: {ID: 201, Addr: "5.6.7.8:80"}}},
		{"first IPv4 kept", []api.DCOption{{ID: 201, CDN: true, IPAddress: "5.6.7.8", Port: 80}, {ID: 201, CDN: true, IPAddress: "9.9.9.9", Port: 80},
			{ID: 201, CDN: true, IPv6: true, IPAddress: "::1", Port: 443}}, map[int]Address{201: {ID: 201, Addr: "5.6.7.8:80"}}},
		{"IPv6 only", []api.DCOption{{ID: 202, CDN: true, IPv6: true, IPAddress: "::1", Port: 443}},
			map[int]Address{202: {ID: 202, Addr: "[::1]:443"}}},
		{"tcpo_only and port 0 skipped", []api.DCOption{{ID: 201, CDN: true, TcpoOnly: true, IPAddress: "5.6.7.8", Port: 443},
			{ID: 202, CDN: true, IPAddress: "5.6.7.8"}}, map[int]Address{}},
	}
	for _, tc := range cases {
		if got := cdnAddresses(tc.opts); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestCDNKeys(t *testing.T) {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	good := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(&k.PublicKey)}))
	warned := 0
	got := cdnKeys(&api.CDNConfig{PublicKeys: []api.CDNPublicKey{
		{DCID: 201, PublicKey: good},
		{DCID: 201, PublicKey: "not a key"},
		{DCID: 202, PublicKey: good},
		{DCID: 202, PublicKey: good},
		{DCID: 203, PublicKey: "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n-----END RSA PUBLIC KEY-----\n"},
	}}, func(string, ...any) { warned++ })
	if len(got[201]) != 1 || len(got[202]) != 2 || len(got[203]) != 0 || warned != 2 {
		t.Fatalf("keys %v, %d warnings", got, warned)
	}
	if !got[201][0].Equal(&k.PublicKey) {
		t.Error("wrong key")
	}
}

func TestCDNAppInfo(t *testing.T) {
	app := AppInfo{APIID: 7, DeviceModel: "Pixel of Alice", SystemVersion: "Android 14", AppVersion: "1.2",
		SystemLangCode: "de-CH", LangPack: "android", LangCode: "de"}
	got := cdnAppInfo(app)
	if got.APIID != 7 || got.AppVersion != "1.2" || got.DeviceModel == app.DeviceModel || got.SystemVersion == app.SystemVersion ||
		got.SystemLangCode == app.SystemLangCode || got.LangCode == app.LangCode || got.LangPack != "" {
		t.Errorf("initConnection for a CDN DC: %+v", got)
	}
}
