package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/luagram/luagram/client"
	"github.com/luagram/luagram/mtproto/session"
	"github.com/luagram/luagram/storage"
	"github.com/luagram/luagram/tl/api"
)

func init() {
	register(&command{
		name:    "login",
		summary: "log an account in and write its session file (user by phone, or --bot TOKEN)",
		usage:   "[--config FILE] [--session FILE] [--bot TOKEN] [--phone NUMBER]",
		run:     runLogin,
	})
}

// prompter asks questions on the terminal, or reads answers line by line
// when standard input is not a terminal (scripted logins).
type prompter struct {
	e  *env
	in *bufio.Reader
}

func (p *prompter) ask(question string) (string, error) {
	fmt.Fprint(p.e.stderr, question)
	line, err := p.in.ReadString('\n')
	if err != nil && line == "" {
		return "", fmt.Errorf("reading %s: %w", strings.TrimSuffix(strings.TrimSpace(question), ":"), err)
	}
	return strings.TrimSpace(line), nil
}

func (p *prompter) secret(question string) (string, error) {
	fmt.Fprint(p.e.stderr, question)
	read := func() (string, error) {
		line, err := p.in.ReadString('\n')
		if err != nil && line == "" {
			return "", err
		}
		return strings.TrimRight(line, "\r\n"), nil
	}
	f, ok := p.e.stdin.(*os.File)
	if !ok {
		return read()
	}
	s, err := withoutEcho(f, read)
	fmt.Fprintln(p.e.stderr)
	return s, err
}

func defaultSessionPath() string { return "luagram.session" }

func runLogin(e *env, args []string) error {
	fs := flags(e, commands["login"])
	configPath := fs.String("config", "", "settings file (Lua); default: Telegram's servers with default settings")
	sessionPath := fs.String("session", defaultSessionPath(), "session file to write")
	bot := fs.String("bot", "", "log in as a bot with this token (env LUAGRAM_BOT_TOKEN)")
	phone := fs.String("phone", "", "phone number (asked when missing)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return errUsage
	}
	if *bot == "" {
		*bot = os.Getenv("LUAGRAM_BOT_TOKEN")
	}
	set, err := loadSettings(*configPath)
	if err != nil {
		return err
	}
	store, err := storage.Open(*sessionPath)
	if err != nil {
		return err
	}
	c, err := client.New(client.Config{Settings: set, Store: store})
	if err != nil {
		store.Close()
		return err
	}
	defer c.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if c.LoggedIn() {
		me, err := c.GetSelf(ctx)
		if err == nil {
			fmt.Fprintf(e.stdout, "already logged in as %s (id %d) in %s\n", displayName(me.FirstName.Value, me.LastName.Value, me.Username.Value), me.ID, *sessionPath)
			return nil
		}
	}
	p := &prompter{e: e, in: bufio.NewReader(e.stdin)}
	var name string
	var id int64
	if *bot != "" {
		u, err := c.BotLogin(ctx, *bot)
		if err != nil {
			return explainLoginError(err)
		}
		name, id = "@"+u.Username.Value, u.ID
	} else {
		u, err := userLogin(ctx, c, p, *phone)
		if err != nil {
			return err
		}
		name, id = displayName(u.FirstName.Value, u.LastName.Value, u.Username.Value), u.ID
	}
	fmt.Fprintf(e.stdout, "logged in as %s (id %d); session saved to %s\n", name, id, *sessionPath)
	return nil
}

func displayName(first, last, username string) string {
	n := strings.TrimSpace(first + " " + last)
	if username != "" {
		n += " (@" + username + ")"
	}
	return n
}

// userLogin runs the phone, code, password and signup steps.
func userLogin(ctx context.Context, c *client.Client, p *prompter, phone string) (*api.User, error) {
	var err error
	if phone == "" {
		if phone, err = p.ask("Phone number: "); err != nil {
			return nil, err
		}
	}
	if _, err := c.PhoneLogin(ctx, phone); err != nil {
		return nil, explainLoginError(err)
	}
	for attempt := 1; ; attempt++ {
		code, err := p.ask("Code: ")
		if err != nil {
			return nil, err
		}
		u, err := c.CompletePhoneLogin(ctx, code)
		switch {
		case err == nil:
			return u, nil
		case errors.Is(err, client.ErrPasswordNeeded):
			return passwordLogin(ctx, c, p)
		case errors.Is(err, client.ErrSignupNeeded):
			first, err := p.ask("First name: ")
			if err != nil {
				return nil, err
			}
			last, err := p.ask("Last name (optional): ")
			if err != nil {
				return nil, err
			}
			u, err := c.CompleteSignup(ctx, first, last)
			if err != nil {
				return nil, explainLoginError(err)
			}
			return u, nil
		case isRPC(err, "PHONE_CODE_INVALID") && attempt < 3:
			fmt.Fprintln(p.e.stderr, "That code is wrong; try again.")
		default:
			return nil, explainLoginError(err)
		}
	}
}

func passwordLogin(ctx context.Context, c *client.Client, p *prompter) (*api.User, error) {
	for attempt := 1; ; attempt++ {
		pw, err := p.secret("Password (2FA): ")
		if err != nil {
			return nil, err
		}
		u, err := c.Complete2FALogin(ctx, pw)
		if err == nil {
			return u, nil
		}
		if isRPC(err, "PASSWORD_HASH_INVALID") && attempt < 3 {
			fmt.Fprintln(p.e.stderr, "That password is wrong; try again.")
			continue
		}
		return nil, explainLoginError(err)
	}
}

func isRPC(err error, typ string) bool {
	var rpcErr *session.RPCError
	return errors.As(err, &rpcErr) && rpcErr.Type == typ
}

// explainLoginError turns the usual login failures into advice.
func explainLoginError(err error) error {
	var rpcErr *session.RPCError
	if !errors.As(err, &rpcErr) {
		return err
	}
	switch rpcErr.Type {
	case "PHONE_CODE_INVALID":
		return errors.New("the code is wrong (three attempts used); run luagram login again")
	case "PHONE_CODE_EXPIRED", "PHONE_CODE_HASH_EMPTY":
		return errors.New("the code has expired; run luagram login again to get a new one")
	case "PASSWORD_HASH_INVALID":
		return errors.New("the password is wrong (three attempts used)")
	case "PHONE_NUMBER_INVALID":
		return errors.New("the phone number is not valid: write it in international format, digits only")
	case "ACCESS_TOKEN_INVALID":
		return errors.New("the bot token is not valid")
	case "API_ID_INVALID":
		return errors.New("api_id/api_hash are not valid: set app_info in the settings or LUAGRAM_API_ID/LUAGRAM_API_HASH")
	}
	if wait, ok := rpcErr.Wait(); ok {
		return fmt.Errorf("too many attempts: Telegram asks to wait %v before trying again", wait.Round(time.Second))
	}
	return err
}
