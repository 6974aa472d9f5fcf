package store

// The types of specs/store that check_test.go compares with package plain.

import "gentest/plain"

var encodePairs = []struct{ a, b any }{
	{&Cart{}, &plain.Cart{}}, {&Address{}, &plain.Address{}}, {&BankTransfer{}, &plain.BankTransfer{}},
	{&CardPayment{}, &plain.CardPayment{}}, {&CartContext{}, &plain.CartContext{}}, {&Customer{}, &plain.Customer{}},
	{&Error{}, &plain.Error{}}, {&ErrorSource{}, &plain.ErrorSource{}}, {&LineItem{}, &plain.LineItem{}},
	{&MetadataValue{}, &plain.MetadataValue{}}, {&Money{}, &plain.Money{}}, {&MultipleErrors{}, &plain.MultipleErrors{}},
	{&PaymentMethod{}, &plain.PaymentMethod{}}, {&PaymentSession{}, &plain.PaymentSession{}},
	{&Error400Response{}, &plain.Error400Response{}}, {&Product{}, &plain.Product{}},
	{&ProductOption{}, &plain.ProductOption{}}, {&ProductVariant{}, &plain.ProductVariant{}}, {&Region{}, &plain.Region{}},
	{&StoreCartsRes{}, &plain.StoreCartsRes{}}, {&StorePostCartReq{}, &plain.StorePostCartReq{}},
	{&StorePostCartsCartReq{}, &plain.StorePostCartsCartReq{}}, {&StoreProductsListRes{}, &plain.StoreProductsListRes{}},
	{&StoreProductsRes{}, &plain.StoreProductsRes{}}, {&StorePostCustomersCustomerReq{}, &plain.StorePostCustomersCustomerReq{}},
	{&GetProductsParams{}, &plain.GetProductsParams{}},
}
