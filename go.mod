module github.com/luagram/luagram

go 1.26

require (
	github.com/fsnotify/fsnotify v1.10.1
	github.com/yuin/gopher-lua v1.1.2
)

require golang.org/x/sys v0.13.0 // indirect
