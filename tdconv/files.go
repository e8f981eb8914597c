package tdconv

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/luagram/luagram/tl/api"
)

// TD names files by small integers, valid for the session. A Layer
// numbers the files of the media it converts, remembering where each can
// be downloaded from.
type files struct {
	byID  map[int64]*fileRec
	byKey map[string]*fileRec
	next  int64
}

func newFiles() files {
	return files{byID: map[int64]*fileRec{}, byKey: map[string]*fileRec{}}
}

// A fileRec is one file the session numbered.
type fileRec struct {
	id         int64
	src        any    // *api.Message, *api.Photo, *api.Document or peerPhoto
	thumb      string // size of a photo, thumbnail of a document
	size       int64
	path       string // once downloaded
	persistent string
	busy       bool // a download is running
}

// A peerPhoto is the profile photo of a user or chat.
type peerPhoto struct {
	chatID, photoID int64
	big             bool
}

// file numbers the file key stands for (or finds it) and returns its TD
// form. Call with s.mu held.
func (s *Layer) file(key string, src any, thumb string, size int64) *File {
	f := s.files.byKey[key]
	if f == nil {
		s.files.next++
		f = &fileRec{id: s.files.next, src: src, thumb: thumb, size: size}
		if _, isPeer := src.(peerPhoto); !isPeer {
			f.persistent = s.c.FileID(src, thumb)
		}
		s.files.byKey[key] = f
		s.files.byID[f.id] = f
	} else if _, isMsg := src.(*api.Message); isMsg {
		f.src = src // the latest message holding it refreshes its reference best
	}
	return f.td()
}

func (f *fileRec) td() *File {
	return &File{ID: f.id, PersistentID: f.persistent, Size: f.size, Path: f.path}
}

func (s *Layer) peerPhotoFile(chatID, photoID int64, big bool) *File {
	return s.file(fmt.Sprintf("peer:%d:%d:%v", chatID, photoID, big), peerPhoto{chatID, photoID, big}, "", 0)
}

// getFile answers GetFile.
func (s *Layer) getFile(_ context.Context, r *GetFileRequest) (Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.files.byID[r.FileID]
	if f == nil {
		return nil, tdError(400, "File not found")
	}
	return f.td(), nil
}

// getFilePersistent answers GetFilePersistent: the file of a Bot API file
// id, numbered if new.
func (s *Layer) getFilePersistent(_ context.Context, r *GetFilePersistentRequest) (Object, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.files.byKey {
		if f.persistent == r.PersistentFileID && f.persistent != "" {
			return f.td(), nil
		}
	}
	f := s.file("persistent:"+r.PersistentFileID, r.PersistentFileID, "", 0)
	s.files.byID[f.ID].persistent = r.PersistentFileID
	f.PersistentID = r.PersistentFileID
	return f, nil
}

// downloadFile answers DownloadFile at once with Ok and downloads in the
// background; UpdateFile announces the file with its path when it is
// complete, as TDLib did. A file already downloaded is announced again.
func (s *Layer) downloadFile(ctx context.Context, r *DownloadFileRequest) (Object, error) {
	s.mu.Lock()
	f := s.files.byID[r.FileID]
	if f == nil {
		s.mu.Unlock()
		return nil, tdError(400, "Invalid file id")
	}
	if f.path != "" {
		if _, err := os.Stat(f.path); err == nil {
			td := f.td()
			s.mu.Unlock()
			s.emit(&UpdateFile{File: td})
			return &Ok{}, nil
		}
	}
	if f.busy {
		s.mu.Unlock()
		return &Ok{}, nil
	}
	f.busy = true
	src, thumb := f.src, f.thumb
	s.mu.Unlock()
	go s.download(context.WithoutCancel(ctx), f, src, thumb)
	return &Ok{}, nil
}

func (s *Layer) download(ctx context.Context, f *fileRec, src any, thumb string) {
	dir := filepath.Join(s.cfg.DataDir, "files")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		s.downloadFailed(f, err)
		return
	}
	if pp, ok := src.(peerPhoto); ok {
		peer, err := s.c.InputPeer(ctx, pp.chatID)
		if err != nil {
			s.downloadFailed(f, err)
			return
		}
		src = &api.InputPeerPhotoFileLocation{Peer: peer, PhotoID: pp.photoID, Big: pp.big}
	}
	path, size, err := s.c.Download(ctx, src, thumb, dir)
	if err != nil {
		s.downloadFailed(f, err)
		return
	}
	s.mu.Lock()
	f.busy, f.path = false, path
	if size > 0 {
		f.size = size
	}
	td := f.td()
	s.mu.Unlock()
	s.emit(&UpdateFile{File: td})
}

// downloadFailed reports a failed download as TDLib did: updateFileProgress
// with a negative ready count.
func (s *Layer) downloadFailed(f *fileRec, err error) {
	s.log.Warn("tdconv: download failed", "file", f.id, "err", err)
	s.mu.Lock()
	f.busy = false
	size := f.size
	s.mu.Unlock()
	s.emit(&UpdateFileProgress{FileID: f.id, Size: size, Ready: -1})
}

// cancelDownloadFile answers CancelDownloadFile; downloads are short, so
// it only forgets a file that failed.
func (s *Layer) cancelDownloadFile(_ context.Context, r *CancelDownloadFileRequest) (Object, error) {
	return &Ok{}, nil
}
