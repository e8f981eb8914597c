// Package runtime is the script host: it runs Lua scripts, each in its own
// gopher-lua state driven by its own goroutine, feeds them updates, carries
// their API calls to the client, reloads them when their files change, and
// keeps a failing or runaway script from harming the others.
//
// # Running scripts
//
// A Host is created with New and a Config (the client as an Invoker, the
// key-value store, a logger, limits). Start loads a script file and runs
// its main chunk; Dispatch gives every script an update; Wait returns once
// every script has ended, with the errors of those that failed; Close stops
// them all. Config.OnEvent reports what happens to scripts: reloads, failed
// reloads, handler errors, ends.
//
// Each script's goroutine runs an event loop over the script's inbox, and
// only it touches the script's Lua state. The main chunk, every handler
// invocation and every timer callback runs in a coroutine of its own. An
// API call such as messages.sendMessage{...} encodes the request, starts
// the Invoker on another goroutine and suspends the coroutine; the answer
// comes back through the inbox and the loop resumes the coroutine with the
// result, or raises the error in it. So scripts read as synchronous code,
// yet a slow call stalls nothing else. Results and timers overtake queued
// updates; a script with Config.MaxTasks suspended coroutines takes no
// more updates until some finish.
//
// A script ends when its main chunk has returned and it has nothing left:
// no handler, no madeline_update_callback, no timer, no coroutine waiting.
// It also ends when it calls stop(), when its main chunk fails (an error,
// reported as a *ScriptError), or when it exceeds its memory limit. With
// Config.Watch, a first version that does not compile or whose main chunk
// fails does not end the script: it waits for the file to be fixed. An
// error in a handler is logged with its Lua traceback and reported as a
// *ScriptError; the script goes on.
//
// # The Lua side
//
// Besides Lua 5.1's base, table, string, math and coroutine libraries and
// os.time, os.clock, os.date and os.difftime, a script sees:
//
//	messages.sendMessage{...}, users.getUsers{...}, …
//	                            every API method (package bindings); results are
//	                            tables with "_" = constructor name
//	on(name, fn)                calls fn(update, entities) for every update named
//	                            name ("updateNewMessage"), or every update for "*";
//	                            entities is {users=…, chats=…} or nil; returns a
//	                            handle with a cancel method
//	on_update(fn)               on("*", fn)
//	madeline_update_callback    if the script defines this global function, it is
//	                            called with every update too
//	get_updates{offset=, limit=, timeout=}
//	                            long polling as in MadelineProto: returns
//	                            {{update_id=n, update=u}, …}; ids increase by one per
//	                            update, across reloads; offset acknowledges the
//	                            updates below it; timeout (seconds) blocks the
//	                            caller until an update comes. Updates a handler took
//	                            are not buffered for it.
//	sleep(seconds)              suspends the calling coroutine
//	timer(seconds, fn)          calls fn(handle) once; returns the handle
//	every(seconds, fn)          calls fn(handle) every seconds; returns the handle
//	handle:cancel()             removes a handler or stops a timer
//	stop()                      ends the script at once (pcall does not catch it)
//	log.debug/info/warn/error(msg, key, value, …)
//	                            the script's slog logger (script=name); print logs
//	                            its arguments at level info
//	json.encode(v [, indent]), json.decode(s), json.null, json.array(t), json.object(t)
//	kv.get(key), kv.set(key, value), kv.delete(key), kv.keys()
//	                            the persistent store (Config.KV), one namespace per
//	                            script name; values are strings
//	require(name)               a module from the script's directory: "lib.util" is
//	                            lib/util.lua; no path may leave the directory
//
// A Telegram error is raised as a table {code=, type=, argument=, message=,
// method=} whose tostring is "rpc error 420: FLOOD_WAIT_30 (method)";
// pcall catches it. Misuse of a method raises a string naming the method
// and parameter. io, package, dofile, loadfile, collectgarbage's collector
// and debug but debug.traceback are not available; collectgarbage("count")
// returns the state's estimated size.
//
// Other packages add globals with Host.AddGlobal and libraries with
// Host.AddModule (see Module); functions that wait use Script.Await, and
// Config.Prepare sets the bindings' hooks.
//
// # Waiting, pcall and coroutines
//
// gopher-lua can suspend a coroutine only from a Go function called
// directly by that coroutine's own VM loop. The runtime therefore replaces
// pcall, xpcall, coroutine.create, resume and wrap with versions built on
// threads it resumes from Go, which pass its waits up to the top-level
// coroutine and the results back down; scripts see Lua 5.1 semantics,
// except that coroutine.running() inside pcall returns the thread pcall
// runs on. A call that would wait where gopher-lua cannot suspend — in a
// metamethod, in the iterator of a generic for, in a function called by
// table.sort or string.gsub — raises an error instead (the Go stack is
// inspected to find out, see yieldable). A coroutine.yield() outside any
// coroutine of the script lets queued events run and continues.
//
// # Limits
//
// What is bounded, per script:
//
//   - Time: every resume of a coroutine runs under a deadline
//     (Config.ResumeTimeout, default 5 s), checked at least every 1024 VM
//     instructions through the context gopher-lua consults before each
//     instruction. A handler that overruns is stopped with an error and
//     reported; a main chunk that overruns fails the script. pcall cannot
//     catch it. A single Go builtin call is not interrupted.
//   - Call depth and value stack of each coroutine: Config.CallStackSize
//     frames and Config.RegistryMaxSize slots.
//   - Lua data: Config.MemoryLimit (default 64 MiB) bounds the estimated size
//     of everything the state can reach — globals, registry, upvalues,
//     suspended coroutines and their locals, handlers, timers. gopher-lua
//     has no allocation hook, so the guard reads the process's cumulative
//     heap allocation (runtime/metrics) at each instruction check and walks
//     the state when the process has allocated more than the state's
//     remaining headroom since the last walk: between walks the state
//     cannot have grown by more than that. The check interval shrinks to a
//     single instruction while allocation is fast. So at every check the
//     estimate stays below 17/16 of the limit, or the script is stopped
//     with a *MemoryError. What one instruction or builtin allocates
//     between checks comes on top: string.rep and json.encode refuse
//     results larger than the limit, but one concatenation can still make
//     a string of twice the largest one the script holds.
//   - The estimate is calibrated against the Go heap (TestSizeEstimate):
//     within a factor of 1.5 for strings, numbers, records, string-keyed
//     maps, API results, closures and coroutines. It underestimates, up to
//     4 times, small tables created empty and then given string keys
//     (gopher-lua reserves 32 hash slots for them, which the walk cannot
//     see), and the space Go maps keep after their keys are deleted.
//     Temporaries of suspended frames below the top are not visible.
//   - Coroutines waiting for the host: Config.MaxTasks (default 1000), after
//     which updates wait in the inbox; updates queued: Config.MaxQueued
//     (default 10000), after which Dispatch drops and logs; timers:
//     Config.MaxTimers.
//
// The process as a whole is not bounded by these: Go code that modules run
// for scripts allocates outside any state, and SetMx, which exits the
// process, is never used.
//
// # Hot reload
//
// With Config.Watch, a change of the script's file, of any file it
// required or of a file a module loaded for it (Script.Watch: tdcli's
// dofile, loadfile and require) starts a reload once the files have been
// quiet for Config.Debounce (default 50 ms). The new version is loaded into a fresh
// state and its main chunk runs until it returns, or until it enters a loop
// of its own (it calls get_updates or sleep), before the new version takes
// over; if it does not compile, its main chunk fails or it is not ready
// within Config.LoadTimeout, the previous version goes on and the error is
// reported with file and line (*LoadError, *ScriptError). After the swap the previous version
// gets no updates, its timers stop, and its suspended coroutines have
// Config.Grace (default 5 s) to finish before its state closes.
//
// Each update is delivered to exactly one version: the one serving when the
// script's loop takes the update from the inbox. The swap happens on the
// same loop between two inbox items. For get_updates, updates the previous
// version had received count as delivered; those still buffered go to the
// new version, with the same ids.
package runtime
