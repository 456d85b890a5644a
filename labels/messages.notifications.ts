/**
 * The texts of the bell and the notifications page, in Vietnamese and English; spread into
 * labels/messages.vi.ts and messages.en.ts, so that they are MessageKeys like every other text. The notices' own
 * titles come from the API (labels/notifications.ts), in the language asked.
 */
export const notificationMessagesVi = {
  'nav.notifications': 'Thông báo',
  'bell.label': 'Thông báo: {count} chưa đọc',
  'ntf.title': 'Thông báo',
  'ntf.intro':
    'Nhắc hạn, báo cáo vượt cấp, đề xuất chờ phê duyệt và các việc khác liên quan đến đồng chí. Nội dung chi tiết chỉ xem trong ứng dụng.',
  'ntf.empty': 'Chưa có thông báo nào.',
  'ntf.unread': 'Chưa đọc',
  'ntf.open': 'Xem',
  'ntf.markRead': 'Đánh dấu đã đọc',
  'ntf.received': 'Nhận lúc {at}',
  'ntf.prefs': 'Nhận thông báo',
  'ntf.prefs.email': 'Nhận thêm qua thư điện tử',
  'ntf.prefs.address': 'Địa chỉ thư: {address}',
  'ntf.prefs.noAddress': 'Chưa có địa chỉ thư điện tử.',
  'ntf.prefs.language': 'Ngôn ngữ của thư',
  'ntf.prefs.save': 'Lưu',
  'ntf.prefs.saved': 'Đã lưu lựa chọn.',
} as const;

export const notificationMessagesEn: Record<keyof typeof notificationMessagesVi, string> = {
  'nav.notifications': 'Notifications',
  'bell.label': 'Notifications: {count} unread',
  'ntf.title': 'Notifications',
  'ntf.intro':
    'Reminders, escalations, proposals awaiting approval and other matters that concern you. The details are shown in the app only.',
  'ntf.empty': 'No notifications yet.',
  'ntf.unread': 'Unread',
  'ntf.open': 'Open',
  'ntf.markRead': 'Mark read',
  'ntf.received': 'Received {at}',
  'ntf.prefs': 'How you are notified',
  'ntf.prefs.email': 'Also by e-mail',
  'ntf.prefs.address': 'E-mail address: {address}',
  'ntf.prefs.noAddress': 'No e-mail address on record.',
  'ntf.prefs.language': 'Language of the e-mails',
  'ntf.prefs.save': 'Save',
  'ntf.prefs.saved': 'Saved.',
};
