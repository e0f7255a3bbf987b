import { api, ApiError, NetworkError, readCookie, type Problem } from './http'

/** An upload as the server kept it, with the Markdown that shows it in a post. */
export interface UploadView {
  key: string
  kind: 'IMAGE' | 'FILE' | 'AVATAR'
  fileName: string
  contentType: string
  size: number
  width: number | null
  height: number | null
  url: string
  thumbnailUrl: string | null
  markdown: string
}

/**
 * Sends one file as multipart form data, reporting progress (0 to 1). XMLHttpRequest rather than fetch: only it
 * reports upload progress. The CSRF token and the language go along as with every other request.
 */
export function sendFile<T>(method: 'POST' | 'PUT', url: string, file: Blob, name: string, language: string,
  onProgress: (fraction: number) => void = () => undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json')
    xhr.setRequestHeader('Accept-Language', language)
    const token = readCookie('XSRF-TOKEN')
    if (token) xhr.setRequestHeader('X-XSRF-TOKEN', decodeURIComponent(token))
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onerror = () => reject(new NetworkError('upload failed'))
    xhr.onload = () => {
      let data: unknown
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        data = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve(data as T)
      } else {
        reject(new ApiError((data as Problem) ?? { status: xhr.status }))
      }
    }
    const form = new FormData()
    form.append('file', file, name)
    xhr.send(form)
  })
}

export const uploadsApi = {
  upload: (file: File, language: string, onProgress?: (fraction: number) => void) =>
    sendFile<UploadView>('POST', '/api/v1/uploads', file, file.name, language, onProgress),
  avatar: (png: Blob, language: string) =>
    sendFile<{ avatarUrl: string }>('PUT', '/api/v1/account/avatar', png, 'avatar.png', language),
  removeAvatar: () => api.delete<void>('/api/v1/account/avatar'),
  allowance: () => api.get<{ maxBytes: number; files: boolean }>('/api/v1/uploads/allowance'),
  limits: () => api.get<UploadLimits>('/api/v1/admin/uploads'),
  saveLimits: (limits: UploadLimits) => api.put<UploadLimits>('/api/v1/admin/uploads', limits),
}

export interface UploadLimits {
  newMemberMb: number
  memberMb: number
  filesFromTrust: number
}
