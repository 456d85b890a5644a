/**
 * The texts of a decision's signed copy (the signer signs the issued PDF on their own computer and hands it back), in
 * Vietnamese and English; spread into labels/messages.vi.ts and messages.en.ts.
 */
export const signatureMessagesVi = {
  'signature.signed': 'Đã ký số',
  'signature.signedBy': 'Đã ký số: {name}, lúc {time}',
  'signature.unsigned': 'Chưa có bản ký số',
  'signature.file': 'Bản PDF đã ký số',
  'signature.upload': 'Tải lên bản đã ký số',
  'signature.uploading': 'Đang kiểm tra chữ ký…',
  'signature.download': 'Tải bản đã ký số',
  'signature.verdict.VERIFIED': 'chữ ký đã được xác minh',
  'signature.recent': 'Quyết định đã ban hành gần đây',
  'signature.recentEmpty': 'Chưa có quyết định nào trong sổ.',
  'signature.state': 'Ký số',
};

export const signatureMessagesEn: Record<keyof typeof signatureMessagesVi, string> = {
  'signature.signed': 'Digitally signed',
  'signature.signedBy': 'Digitally signed: {name}, at {time}',
  'signature.unsigned': 'No signed copy yet',
  'signature.file': 'The signed PDF',
  'signature.upload': 'Upload the signed copy',
  'signature.uploading': 'Checking the signature…',
  'signature.download': 'Download the signed copy',
  'signature.verdict.VERIFIED': 'signature verified',
  'signature.recent': 'Decisions issued lately',
  'signature.recentEmpty': 'No decision in the register yet.',
  'signature.state': 'Digital signature',
};
