module github.com/luagram/luagram

go 1.26
