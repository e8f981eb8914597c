-- The account's security settings in the tdcli style: the two-step
-- verification password with SRP (set, change, remove), the recovery
-- email (confirmed by the Go side, as the user would from the mail),
-- password recovery by the emailed code, changing the phone number, and
-- the chat backgrounds.
local lib = require("lib")
local call, eq, ok, expect = lib.call, lib.eq, lib.ok, lib.expect

local my_id

function tdcli_update_callback(data)
	if data.ID == "UpdateOption" and data.name_ == "my_id" then
		my_id = data.value_.value_
	end
	lib.on_update(data)
end

local function err(res, code, message, what)
	eq(type(res), "table", what)
	eq(res.ID, "Error", what)
	eq(res.code_, code, what .. " code_")
	eq(res.message_, message, what .. " message_")
end

local function count(v)
	local n = 0
	while v[n] ~= nil do n = n + 1 end
	return n
end

local function state(what, has, hint, recovery, unconfirmed)
	local s = ok(call({ ID = "GetPasswordState" }), what)
	eq(s.ID, "PasswordState", what)
	eq(s.has_password_, has, what .. " has_password_")
	eq(s.password_hint_, hint, what .. " password_hint_")
	eq(s.has_recovery_email_, recovery, what .. " has_recovery_email_")
	eq(s.unconfirmed_recovery_email_pattern_, unconfirmed, what .. " unconfirmed_recovery_email_pattern_")
	return s
end

local function set_password(old, new, hint, email)
	return call({ ID = "SetPassword", old_password_ = old, new_password_ = new, new_hint_ = hint,
		set_recovery_email_ = email ~= nil, new_recovery_email_ = email or "" })
end

local function recovery_email(password)
	return call({ ID = "GetRecoveryEmail", password_ = password })
end

lib.test(function()
	expect(function(u) return u.ID == "UpdateOption" and u.name_ == "my_id" end)
	local w = step("world")

	-- 2FA: no password yet.
	state("new account", false, "", false, "")
	eq(ok(recovery_email("")).ID, "RecoveryEmail")
	eq(recovery_email("").recovery_email_, "", "no recovery email")
	err(call({ ID = "RequestPasswordRecovery" }), 400, "PASSWORD_EMPTY", "recovery without a password")

	-- Setting a password: the result is the new state.
	local s = ok(set_password("", "pass1", "hint1"), "SetPassword")
	eq(s.ID, "PasswordState")
	eq(s.has_password_, true, "has_password_ after SetPassword")
	eq(s.password_hint_, "hint1", "password_hint_ after SetPassword")
	err(recovery_email("wrong"), 400, "PASSWORD_HASH_INVALID", "wrong password")
	err(set_password("wrong", "x", ""), 400, "PASSWORD_HASH_INVALID", "SetPassword with a wrong old password")
	err(call({ ID = "RequestPasswordRecovery" }), 400, "PASSWORD_RECOVERY_NA", "recovery without an email")

	-- A recovery email waits for its confirmation.
	err(call({ ID = "SetRecoveryEmail", password_ = "pass1", new_recovery_email_ = "not-an-email" }), 400, "EMAIL_INVALID", "bad email")
	err(call({ ID = "SetRecoveryEmail", password_ = "pass1", new_recovery_email_ = "script@example.com" }), 400,
		"EMAIL_UNCONFIRMED", "SetRecoveryEmail")
	state("email unconfirmed", true, "hint1", false, "s*****@example.com")
	step("confirm_email", "script@example.com")
	state("email confirmed", true, "hint1", true, "")
	eq(ok(recovery_email("pass1")).recovery_email_, "script@example.com", "GetRecoveryEmail")

	-- Changing the password keeps the email.
	s = ok(set_password("pass1", "pass2", "hint2"), "SetPassword pass2")
	eq(s.password_hint_, "hint2", "new hint")
	eq(s.has_recovery_email_, true, "email kept")
	err(recovery_email("pass1"), 400, "PASSWORD_HASH_INVALID", "the old password")
	eq(ok(recovery_email("pass2")).recovery_email_, "script@example.com", "GetRecoveryEmail with pass2")

	-- Recovery by the code sent to the email removes the password.
	local info = ok(call({ ID = "RequestPasswordRecovery" }), "RequestPasswordRecovery")
	eq(info.ID, "PasswordRecoveryInfo")
	eq(info.recovery_email_pattern_, "s*****@example.com", "recovery_email_pattern_")
	err(call({ ID = "RecoverPassword", recovery_code_ = "wrong" }), 400, "CODE_INVALID", "wrong recovery code")
	s = ok(call({ ID = "RecoverPassword", recovery_code_ = step("email_code", "script@example.com") }), "RecoverPassword")
	eq(s.ID, "PasswordState")
	eq(s.has_password_, false, "has_password_ after recovery")
	eq(s.has_recovery_email_, false, "has_recovery_email_ after recovery")

	-- A new password with an email applies once the email is confirmed;
	-- an empty new password removes it.
	err(set_password("", "pass3", "", "new@example.org"), 400, "EMAIL_UNCONFIRMED", "SetPassword with an email")
	state("password waits for the email", false, "", false, "n**@example.org")
	step("confirm_email", "new@example.org")
	state("password with email", true, "", true, "")
	s = ok(set_password("pass3", "", ""), "removing the password")
	eq(s.has_password_, false, "removed")
	eq(s.has_recovery_email_, false, "email removed with the password")

	-- Changing the phone number.
	err(call({ ID = "CheckChangePhoneNumberCode", code_ = "11111" }), 400, "changePhoneNumber must be called first", "check first")
	err(call({ ID = "ChangePhoneNumber", phone_number_ = w.other_phone, allow_flash_call_ = false, is_current_phone_number_ = false }),
		400, "PHONE_NUMBER_OCCUPIED", "another account's number")
	local wc = ok(call({ ID = "ChangePhoneNumber", phone_number_ = "+999 661 0099", allow_flash_call_ = false, is_current_phone_number_ = false }),
		"ChangePhoneNumber")
	eq(wc.ID, "AuthStateWaitCode")
	eq(wc.is_registered_, true, "is_registered_")
	eq(wc.code_type_.ID, "AuthCodeTypeSms", "code_type_")
	eq(wc.code_type_.length_, 5, "code length")
	eq(wc.next_code_type_.ID, "AuthCodeTypeCall", "next_code_type_")
	eq(wc.timeout_, 60, "timeout_")
	wc = ok(call({ ID = "ResendChangePhoneNumberCode" }), "ResendChangePhoneNumberCode")
	eq(wc.code_type_.ID, "AuthCodeTypeCall", "resent by call")
	eq(wc.next_code_type_, nil, "no next way")
	err(call({ ID = "ResendChangePhoneNumberCode" }), 400, "SEND_CODE_UNAVAILABLE", "second resend")
	err(call({ ID = "CheckChangePhoneNumberCode", code_ = "22222" }), 400, "PHONE_CODE_INVALID", "wrong code")
	local from = lib.mark()
	eq(ok(call({ ID = "CheckChangePhoneNumberCode", code_ = "11111" })).ID, "AuthStateOk", "CheckChangePhoneNumberCode")
	local up = expect(function(u) return u.ID == "UpdateUser" and u.user_.id_ == my_id and u.user_.phone_number_ == "9996610099" end, from)
	eq(up.user_.phone_number_, "9996610099")
	eq(ok(call({ ID = "GetMe" })).phone_number_, "9996610099", "GetMe")
	eq(step("server_phone"), "9996610099", "the server's phone")
	err(call({ ID = "CheckChangePhoneNumberCode", code_ = "11111" }), 400, "changePhoneNumber must be called first", "check again")

	-- Chat backgrounds: two pictures and two colors.
	local wps = ok(call({ ID = "GetWallpapers" }), "GetWallpapers")
	eq(wps.ID, "Wallpapers")
	eq(count(wps.wallpapers_), 4, "four wallpapers")
	local dawn = wps.wallpapers_[0]
	eq(dawn.ID, "Wallpaper")
	eq(dawn.color_, 0xf0a060, "picture color_")
	eq(count(dawn.sizes_), 2, "a thumbnail and the picture")
	eq(dawn.sizes_[0].type_, "m", "thumbnail type_")
	eq(dawn.sizes_[0].width_, 80, "thumbnail width_")
	local full = dawn.sizes_[1]
	eq(full.type_, "w", "picture type_")
	eq(full.width_, 320, "width_")
	eq(full.height_, 200, "height_")
	eq(full.photo_.ID, "File")
	assert(full.photo_.size_ > 0, "picture size_")
	assert(full.photo_.persistent_id_ ~= "", "persistent_id_")
	local plain = wps.wallpapers_[2]
	eq(count(plain.sizes_), 0, "a color has no sizes")
	eq(plain.color_, 0xdbddbb, "color_")
	eq(wps.wallpapers_[3].color_, 0x1c2733, "dark color_")
	-- The picture downloads.
	local fid = full.photo_.id_
	from = lib.mark()
	eq(ok(call({ ID = "DownloadFile", file_id_ = fid })).ID, "Ok", "DownloadFile")
	local uf = expect(function(x) return x.ID == "UpdateFile" and x.file_.id_ == fid and x.file_.path_ ~= "" end, from)
	eq(step("jpeg_size", uf.file_.path_), 320 * 200, "downloaded picture")
end)
