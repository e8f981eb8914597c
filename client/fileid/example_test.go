package fileid_test

import (
	"fmt"

	"github.com/luagram/luagram/client/fileid"
)

func ExampleDecode() {
	// A photo size sent through the Bot API (from gotd's fileid tests).
	f, err := fileid.Decode("AgACAgIAAxkBAAM9YZqXG-B0WHEv7lFlQxOQDs6jrGQAAoa7MRvdfNlIhJa73cDxR0kBAAMCAAN4AAMiBA")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Type, f.DC, f.ID, string(f.PhotoSizeSource.ThumbnailType))
	l, _ := f.Location()
	fmt.Println(l.Kind == fileid.LocationPhoto, l.ThumbSize)
	fmt.Println(f.UniqueID())
	// Output:
	// Photo 2 5249364129762884486 x
	// true x
	// AQADhrsxG9182Uh9
}

func ExampleFromDocument() {
	f := fileid.FromDocument(fileid.Sticker, 2, 2202074980139663399, 8092253579521038493, nil)
	s := f.Encode()
	back, _ := fileid.Decode(s)
	fmt.Println(s)
	fmt.Println(back.Type, back.ID == f.ID, back.UniqueID())
	// Output:
	// CAADAgADJwADh1ePHp0YvIfBdU1wOwQ
	// Sticker true AgADJwADh1ePHg
}
