-- Sticker sets, recent stickers and saved animations in the tdcli style,
-- against two sets the Go side made: "Cats" (cats_set, the script's own,
-- installed: 😺 and 😀👍) and "Dogs" (dogs_set, another user's: 🐶).
local lib = require("lib")
local call, eq, ok, expect = lib.call, lib.eq, lib.ok, lib.expect

function tdcli_update_callback(data)
	lib.on_update(data)
end

local function err(res, code, what)
	eq(type(res), "table", what)
	eq(res.ID, "Error", what)
	eq(res.code_, code, what .. " code_")
	return res.message_
end

local function count(v)
	local n = 0
	while v[n] ~= nil do n = n + 1 end
	return n
end

local function id(v) return tostring(v) end

local function installed(masks)
	return ok(call({ ID = "GetStickerSets", is_masks_ = masks or 0 }), "GetStickerSets")
end

local function sticker(s, set, emoji, what)
	eq(s.ID, "Sticker", what)
	eq(id(s.set_id_), set, what .. " set_id_")
	eq(s.emoji_, emoji, what .. " emoji_")
	eq(s.width_, 512, what .. " width_")
	eq(s.height_, 512, what .. " height_")
	eq(s.is_mask_, false, what .. " is_mask_")
	eq(s.sticker_.ID, "File", what .. " sticker_")
	assert(s.sticker_.id_ ~= 0, what .. " sticker_.id_")
	assert(s.sticker_.persistent_id_ ~= "", what .. " sticker_.persistent_id_")
	assert(s.sticker_.size_ > 0, what .. " sticker_.size_")
end

lib.test(function()
	local w = step("world")
	local cats, dogs = w.cats, w.dogs

	-- The installed sets: Cats, made by the script's account.
	local sets = installed()
	eq(sets.ID, "StickerSets")
	eq(sets.total_count_, 1, "total_count_")
	eq(count(sets.sets_), 1, "one set")
	local info = sets.sets_[0]
	eq(info.ID, "StickerSetInfo")
	eq(id(info.id_), cats, "id_")
	eq(info.title_, "Cats", "title_")
	eq(info.name_, "cats_set", "name_")
	eq(info.is_installed_, true, "is_installed_")
	eq(info.is_archived_, false, "is_archived_")
	eq(info.is_official_, false, "is_official_")
	eq(info.is_masks_, false, "is_masks_")
	eq(info.is_viewed_, true, "is_viewed_")
	eq(info.size_, 2, "size_")
	eq(count(info.covers_), 2, "covers_")
	sticker(info.covers_[0], cats, "😺", "covers_[0]")
	sticker(info.covers_[1], cats, "😀", "covers_[1]")
	eq(installed(1).total_count_, 0, "no mask sets")

	-- A set by id and by name.
	local set = ok(call({ ID = "GetStickerSet", set_id_ = cats }), "GetStickerSet")
	eq(set.ID, "StickerSet")
	eq(id(set.id_), cats)
	eq(set.title_, "Cats")
	eq(set.name_, "cats_set")
	eq(set.is_installed_, true)
	eq(set.is_archived_, false)
	eq(set.is_masks_, false)
	eq(count(set.stickers_), 2, "stickers_")
	sticker(set.stickers_[0], cats, "😺", "stickers_[0]")
	sticker(set.stickers_[1], cats, "😀", "stickers_[1]")
	eq(count(set.emojis_), 2, "emojis_")
	eq(set.emojis_[0].ID, "StickerEmojis")
	eq(count(set.emojis_[0].emojis_), 1)
	eq(set.emojis_[0].emojis_[0], "😺")
	eq(count(set.emojis_[1].emojis_), 2)
	eq(set.emojis_[1].emojis_[0], "😀")
	eq(set.emojis_[1].emojis_[1], "👍")
	local cat1, cat2 = set.stickers_[0], set.stickers_[1]
	local dset = ok(call({ ID = "SearchStickerSet", name_ = "Dogs_Set" }), "SearchStickerSet")
	eq(id(dset.id_), dogs, "SearchStickerSet id_")
	eq(dset.title_, "Dogs")
	eq(dset.is_installed_, false, "Dogs is not installed")
	eq(dset.is_archived_, false)
	eq(count(dset.stickers_), 1)
	sticker(dset.stickers_[0], dogs, "🐶", "dog")
	eq(dset.emojis_[0].emojis_[0], "🐶")
	local dog = dset.stickers_[0]
	eq(err(call({ ID = "SearchStickerSet", name_ = "nope" }), 406, "SearchStickerSet of an unknown name"), "STICKERSET_INVALID")
	err(call({ ID = "GetStickerSet", set_id_ = 12345 }), 400, "GetStickerSet of an unknown id")

	-- Emojis of a sticker, stickers of an emoji.
	local em = ok(call({ ID = "GetStickerEmojis", sticker_ = { ID = "InputFileId", id_ = cat2.sticker_.id_ } }), "GetStickerEmojis")
	eq(em.ID, "StickerEmojis")
	eq(count(em.emojis_), 2)
	eq(em.emojis_[0], "😀")
	eq(em.emojis_[1], "👍")
	em = ok(call({ ID = "GetStickerEmojis", sticker_ = { ID = "InputFilePersistentId", persistent_id_ = dog.sticker_.persistent_id_ } }))
	eq(em.emojis_[0], "🐶", "emojis of a sticker by persistent id")
	local st = ok(call({ ID = "GetStickers", emoji_ = "👍" }), "GetStickers")
	eq(st.ID, "Stickers")
	eq(count(st.stickers_), 1, "stickers for 👍")
	eq(st.stickers_[0].sticker_.id_, cat2.sticker_.id_, "the 😀👍 sticker")
	eq(count(ok(call({ ID = "GetStickers", emoji_ = "🐶" })).stickers_), 0, "no 🐶 among the installed sets")
	eq(count(ok(call({ ID = "GetStickers", emoji_ = "" })).stickers_), 2, "all installed stickers")

	-- Trending sets, the latest first, viewed once read.
	local tr = ok(call({ ID = "GetTrendingStickerSets" }), "GetTrendingStickerSets")
	eq(tr.total_count_, 2)
	eq(id(tr.sets_[0].id_), dogs, "Dogs first")
	eq(id(tr.sets_[1].id_), cats)
	eq(tr.sets_[0].is_viewed_, false, "Dogs not viewed")
	eq(tr.sets_[0].is_installed_, false)
	eq(tr.sets_[1].is_installed_, true)
	eq(count(tr.sets_[0].covers_), 1, "one cover")
	sticker(tr.sets_[0].covers_[0], dogs, "🐶", "cover")
	eq(ok(call({ ID = "ViewTrendingStickerSets", sticker_set_ids_ = { [0] = dogs } })).ID, "Ok", "ViewTrendingStickerSets")
	tr = ok(call({ ID = "GetTrendingStickerSets" }))
	eq(tr.sets_[0].is_viewed_, true, "Dogs viewed")
	eq(tr.sets_[1].is_viewed_, false, "Cats not viewed")

	-- Installing, ordering, archiving, removing.
	eq(ok(call({ ID = "UpdateStickerSet", set_id_ = dogs, is_installed_ = 1, is_archived_ = 0 })).ID, "Ok", "install Dogs")
	sets = installed()
	eq(sets.total_count_, 2)
	eq(id(sets.sets_[0].id_), dogs, "Dogs installed on top")
	eq(id(sets.sets_[1].id_), cats)
	eq(ok(call({ ID = "ReorderStickerSets", is_masks_ = 0, sticker_set_ids_ = { [0] = cats, [1] = dogs } })).ID, "Ok", "ReorderStickerSets")
	sets = installed()
	eq(id(sets.sets_[0].id_), cats, "Cats first after reordering")
	eq(id(sets.sets_[1].id_), dogs)
	eq(ok(call({ ID = "UpdateStickerSet", set_id_ = cats, is_installed_ = 0, is_archived_ = 1 })).ID, "Ok", "archive Cats")
	sets = installed()
	eq(sets.total_count_, 1, "Cats archived")
	eq(id(sets.sets_[0].id_), dogs)
	local arch = ok(call({ ID = "GetArchivedStickerSets", is_masks_ = 0, offset_sticker_set_id_ = 0, limit_ = 10 }), "GetArchivedStickerSets")
	eq(arch.total_count_, 1)
	eq(id(arch.sets_[0].id_), cats)
	eq(arch.sets_[0].is_archived_, true, "is_archived_")
	eq(arch.sets_[0].is_installed_, false, "an archived set is not installed")
	eq(arch.sets_[0].size_, 2)
	sticker(arch.sets_[0].covers_[0], cats, "😺", "archived cover")
	eq(ok(call({ ID = "GetStickerSet", set_id_ = cats })).is_archived_, true, "GetStickerSet of an archived set")
	eq(ok(call({ ID = "UpdateStickerSet", set_id_ = cats, is_installed_ = 0, is_archived_ = 0 })).ID, "Ok", "remove Cats")
	eq(ok(call({ ID = "GetArchivedStickerSets", is_masks_ = 0, offset_sticker_set_id_ = 0, limit_ = 10 })).total_count_, 0, "none archived")
	eq(installed().total_count_, 1, "Dogs alone")
	err(call({ ID = "UpdateStickerSet", set_id_ = 777, is_installed_ = 1, is_archived_ = 0 }), 400, "UpdateStickerSet of an unknown set")

	-- Recent stickers.
	local rec = ok(call({ ID = "AddRecentSticker", is_attached_ = 0, sticker_ = { ID = "InputFileId", id_ = cat1.sticker_.id_ } }), "AddRecentSticker")
	eq(rec.ID, "Stickers")
	eq(count(rec.stickers_), 1)
	rec = ok(call({ ID = "AddRecentSticker", is_attached_ = 0, sticker_ = { ID = "InputFilePersistentId", persistent_id_ = dog.sticker_.persistent_id_ } }))
	eq(count(rec.stickers_), 2)
	rec = ok(call({ ID = "GetRecentStickers", is_attached_ = 0 }), "GetRecentStickers")
	eq(count(rec.stickers_), 2)
	sticker(rec.stickers_[0], dogs, "🐶", "the latest recent")
	sticker(rec.stickers_[1], cats, "😺", "the first recent")
	eq(count(ok(call({ ID = "GetRecentStickers", is_attached_ = 1 })).stickers_), 0, "no attached stickers")
	err(call({ ID = "AddRecentSticker", is_attached_ = 0, sticker_ = { ID = "InputFileLocal", path_ = w.webp } }), 400, "a local file")
	eq(ok(call({ ID = "DeleteRecentSticker", is_attached_ = 0, sticker_ = { ID = "InputFileId", id_ = dog.sticker_.id_ } })).ID, "Ok")
	rec = ok(call({ ID = "GetRecentStickers", is_attached_ = 0 }))
	eq(count(rec.stickers_), 1, "one recent after deleting")
	eq(rec.stickers_[0].emoji_, "😺")
	eq(ok(call({ ID = "ClearRecentStickers", is_attached_ = 0 })).ID, "Ok")
	eq(count(ok(call({ ID = "GetRecentStickers", is_attached_ = 0 })).stickers_), 0, "none after clearing")

	-- Saved animations, of an animation received.
	local from = lib.mark()
	step("other_sends_gif")
	local up = expect(function(u) return u.ID == "UpdateNewMessage" and u.message_.content_.ID == "MessageAnimation" end, from)
	local anim = up.message_.content_.animation_
	eq(count(ok(call({ ID = "GetSavedAnimations" })).animations_), 0, "no saved animations yet")
	eq(ok(call({ ID = "AddSavedAnimation", animation_ = { ID = "InputFileId", id_ = anim.animation_.id_ } })).ID, "Ok", "AddSavedAnimation")
	local saved = ok(call({ ID = "GetSavedAnimations" }), "GetSavedAnimations")
	eq(saved.ID, "Animations")
	eq(count(saved.animations_), 1)
	local a = saved.animations_[0]
	eq(a.ID, "Animation")
	eq(a.mime_type_, anim.mime_type_, "mime_type_")
	eq(a.file_name_, anim.file_name_, "file_name_")
	eq(a.width_, anim.width_, "width_")
	eq(a.height_, anim.height_, "height_")
	eq(a.animation_.persistent_id_, anim.animation_.persistent_id_, "the same file")
	eq(a.animation_.size_, anim.animation_.size_, "size_")
	eq(err(call({ ID = "AddSavedAnimation", animation_ = { ID = "InputFileId", id_ = cat1.sticker_.id_ } }), 400, "a sticker as an animation"),
		"GIF_ID_INVALID")
	eq(ok(call({ ID = "DeleteSavedAnimation", animation_ = { ID = "InputFilePersistentId", persistent_id_ = anim.animation_.persistent_id_ } })).ID, "Ok")
	eq(count(ok(call({ ID = "GetSavedAnimations" })).animations_), 0, "none after deleting")

	-- Attached sticker sets: none, for a file that exists.
	local att = ok(call({ ID = "GetAttachedStickerSets", file_id_ = anim.animation_.id_ }), "GetAttachedStickerSets")
	eq(att.ID, "StickerSets")
	eq(att.total_count_, 0)
	eq(count(att.sets_), 0)
	err(call({ ID = "GetAttachedStickerSets", file_id_ = 987654 }), 400, "GetAttachedStickerSets of an unknown file")

	-- Another session of the account: its changes come as TD updates.
	local function ids(v)
		local out = {}
		for i = 0, count(v) - 1 do out[#out + 1] = id(v[i]) end
		return table.concat(out, ",")
	end
	from = lib.mark()
	step("twin_installs_cats")
	up = expect(function(u) return u.ID == "UpdateStickerSets" end, from)
	eq(up.is_masks_, false, "UpdateStickerSets is_masks_")
	eq(ids(up.sticker_set_ids_), cats .. "," .. dogs, "Cats installed on top")
	from = lib.mark()
	step("twin_reorders")
	up = expect(function(u) return u.ID == "UpdateStickerSets" end, from)
	eq(ids(up.sticker_set_ids_), dogs .. "," .. cats, "the order of the other session")
	from = lib.mark()
	step("twin_uses_sticker")
	up = expect(function(u) return u.ID == "UpdateRecentStickers" and not u.is_attached_ end, from)
	eq(count(up.sticker_ids_), 1, "one recent sticker")
	eq(up.sticker_ids_[0], dog.sticker_.id_, "the dog is recent")
	from = lib.mark()
	step("twin_reads_trending")
	up = expect(function(u) return u.ID == "UpdateTrendingStickerSets" end, from)
	eq(up.sticker_sets_.ID, "StickerSets")
	eq(up.sticker_sets_.total_count_, 2, "two trending sets")
	eq(id(up.sticker_sets_.sets_[1].id_), cats)
	eq(up.sticker_sets_.sets_[1].is_viewed_, true, "Cats viewed by the other session")
	from = lib.mark()
	step("twin_saves_gif")
	expect(function(u) return u.ID == "UpdateSavedAnimations" end, from)
	saved = ok(call({ ID = "GetSavedAnimations" }))
	eq(count(saved.animations_), 1, "the animation the other session saved")
end)
